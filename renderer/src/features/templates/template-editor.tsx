// One template open for editing: name, channel, subject and body with the placeholder palette, live checks and preview, save at its version.
import { useRef, useState } from 'react';
import type { MessageTemplateView, TemplateChannel } from '../../../../core/domain/message-template';
import { TEMPLATE_CHANNELS } from '../../../../core/domain/message-template';
import type { PlaceholderName } from '../../../../core/domain/templates';
import type { ErrorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { controlClasses, FieldShell, SelectField, TextField } from '../../components/form-fields';
import { LockIcon, TrashIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card } from '../../components/page-header';
import { type TemplateDraft, useTemplatesStore } from '../../stores/templates-store';
import { CHANNEL_LABELS } from './channel-labels';
import { OrderChoice } from './order-choice';
import { PlaceholderPalette } from './placeholder-palette';
import { RenderedMessage } from './rendered-message';
import { insertAt } from './text-insertion';
import { useTemplatePreview } from './use-template-preview';

const draftOf = (t: MessageTemplateView | null): TemplateDraft => ({
  name: t?.name ?? '',
  channel: t?.channel ?? 'email',
  subject: t?.subject ?? '',
  body: t?.body ?? '',
});

interface Props {
  template: MessageTemplateView | null;
  canWrite: boolean;
  orderId: string | null;
  onOrderChange: (id: string | null) => void;
  onSaved: (message: string) => void;
}

export function TemplateEditor({ template, canWrite, orderId, onOrderChange, onSaved }: Props) {
  const [base, setBase] = useState(template);
  const [draft, setDraft] = useState(() => draftOf(template));
  const [saveError, setSaveError] = useState<ErrorDetails | null>(null);
  const [stale, setStale] = useState<MessageTemplateView | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<'subject' | 'body'>('body');
  const live = useTemplatePreview(draft.subject, draft.body, orderId);

  const update = (patch: Partial<TemplateDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaveError(null);
  };
  const fields = { ...(live.error?.fields ?? {}), ...(saveError?.fields ?? {}) };
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(base));

  const insert = (name: PlaceholderName) => {
    const field = lastField.current;
    const el = field === 'subject' ? subjectRef.current : bodyRef.current;
    const { value, caret } = insertAt(draft[field], el?.selectionStart ?? null, el?.selectionEnd ?? null, `{{${name}}}`);
    update({ [field]: value });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  const save = async () => {
    setBusy(true);
    const result = await useTemplatesStore.getState().save(base, draft);
    setBusy(false);
    if (result.ok) {
      setBase(result.template);
      setDraft(draftOf(result.template));
      setStale(null);
      onSaved(base ? `Template "${result.template.name}" saved.` : `Template "${result.template.name}" created.`);
      return;
    }
    setSaveError(result.error);
    if (result.error.code === 'CONFLICT') setStale(result.current);
  };

  const remove = async () => {
    if (!base) return;
    setBusy(true);
    const result = await useTemplatesStore.getState().remove(base);
    setBusy(false);
    setConfirmDelete(false);
    if (result.ok) onSaved(`Template "${base.name}" deleted.`);
    else setSaveError(result.error);
  };

  const otherError = saveError && !Object.keys(saveError.fields).some((f) => ['name', 'channel', 'subject', 'body'].includes(f));
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <Card className="p-5">
        <form
          aria-label="Template"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          className="flex flex-col gap-4"
        >
          {!canWrite ? (
            <NoticeBanner tone="info" title="Read only">
              Only an Admin can change templates. You can preview them against an order.
            </NoticeBanner>
          ) : null}
          {stale ? (
            <NoticeBanner
              tone="warning"
              title="Changed meanwhile"
              action={
                <div className="flex gap-2">
                  <Button
                    size="sm"
                    onClick={() => {
                      setBase(stale);
                      setDraft(draftOf(stale));
                      setStale(null);
                      setSaveError(null);
                    }}
                  >
                    Load theirs
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => {
                      setBase(stale);
                      setStale(null);
                      setSaveError(null);
                    }}
                  >
                    Keep mine
                  </Button>
                </div>
              }
            >
              {stale.updatedByName} saved this template after you opened it. Load their version, or keep your text and save it over theirs.
            </NoticeBanner>
          ) : otherError ? (
            <NoticeBanner tone="error">{saveError.message}</NoticeBanner>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
            <TextField
              label="Name"
              required
              value={draft.name}
              readOnly={!canWrite}
              error={fields.name}
              onChange={(e) => update({ name: e.target.value })}
            />
            <SelectField
              label="Channel"
              value={draft.channel}
              disabled={!canWrite}
              error={fields.channel}
              onChange={(e) => update({ channel: e.target.value as TemplateChannel })}
            >
              {TEMPLATE_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </SelectField>
          </div>
          <FieldShell label="Subject" hint="Left empty for SMS and WhatsApp." error={fields.subject}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                ref={subjectRef}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className={controlClasses(invalid, 'h-control')}
                value={draft.subject}
                readOnly={!canWrite}
                onFocus={() => (lastField.current = 'subject')}
                onChange={(e) => update({ subject: e.target.value })}
              />
            )}
          </FieldShell>
          <FieldShell label="Body" required error={fields.body}>
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                ref={bodyRef}
                rows={14}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                aria-required
                className={controlClasses(invalid, 'resize-y py-2 font-mono text-body-sm')}
                value={draft.body}
                readOnly={!canWrite}
                onFocus={() => (lastField.current = 'body')}
                onChange={(e) => update({ body: e.target.value })}
              />
            )}
          </FieldShell>
          {canWrite ? (
            <div>
              <p className="mb-2 text-body-sm font-medium text-ink">Insert a placeholder</p>
              <PlaceholderPalette onInsert={insert} />
            </div>
          ) : null}
          {canWrite ? (
            <div className="flex items-center justify-between gap-3 border-t border-line pt-4">
              {base && !base.isDefault ? (
                <Button variant="ghost" icon={<TrashIcon className="size-4" />} onClick={() => setConfirmDelete(true)} disabled={busy}>
                  Delete
                </Button>
              ) : (
                <p className="flex items-center gap-1.5 text-caption text-ink-subtle">
                  {base ? <LockIcon className="size-3.5" /> : null}
                  {base ? 'A default template: it can be edited, not deleted.' : ''}
                </p>
              )}
              <Button type="submit" variant="primary" busy={busy} disabled={!dirty && base !== null}>
                {base ? 'Save template' : 'Create template'}
              </Button>
            </div>
          ) : null}
        </form>
      </Card>
      <div className="flex flex-col gap-4">
        <OrderChoice orderId={orderId} onChange={onOrderChange} />
        {live.preview ? (
          <RenderedMessage subject={live.preview.subject} body={live.preview.body ?? ''} />
        ) : (
          <p className="text-body-sm text-ink-muted">{live.loading ? 'Preparing the preview…' : 'Write a body to see the preview.'}</p>
        )}
        {live.error && !fields.subject && !fields.body ? <NoticeBanner tone="error">{live.error.message}</NoticeBanner> : null}
      </div>
      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title="Delete this template?"
        description={`"${base?.name ?? ''}" disappears from every composer, on every device once synced.`}
        onSubmit={() => void remove()}
        busy={busy}
        footer={<DialogActions onCancel={() => setConfirmDelete(false)} busy={busy} submitLabel="Delete template" variant="danger" />}
      >
        <p className="text-body text-ink-muted">Messages already sent with it keep their text.</p>
      </Dialog>
    </div>
  );
}
