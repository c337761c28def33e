// The Templates screen (#/templates): the message templates, one open in the editor with its live preview, and the composer's picker as CSRs see it.
import { useEffect, useState } from 'react';
import { hasPermission } from '../../../../core/auth/permissions';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { LockIcon, PlusIcon } from '../../components/icons';
import { NoticeBanner } from '../../components/notice-banner';
import { Card, PageHeader } from '../../components/page-header';
import { Skeleton } from '../../components/skeleton';
import { useSessionStore } from '../../stores/session-store';
import { useTemplatesStore } from '../../stores/templates-store';
import { CHANNEL_LABELS } from './channel-labels';
import { SaveToast } from './save-toast';
import { TemplateEditor } from './template-editor';
import { type AppliedTemplate, TemplatePicker } from './template-picker';

function ComposerDemo({ orderId }: { orderId: string }) {
  const [applied, setApplied] = useState<AppliedTemplate | null>(null);
  return (
    <Card className="mt-8 p-5">
      <h2 className="text-heading font-semibold text-ink">In the composer</h2>
      <p className="mb-4 text-body-sm text-ink-muted">
        What a CSR sees when writing an e-mail about the chosen order: pick a template, check it, use it.
      </p>
      <TemplatePicker orderId={orderId} channel="email" onApply={setApplied} />
      {applied ? (
        <NoticeBanner tone="success" className="mt-4" title={`Applied "${applied.templateKey}"`}>
          <span data-testid="applied-subject">{applied.subject || '(no subject)'}</span>
        </NoticeBanner>
      ) : null}
    </Card>
  );
}

export function TemplatesScreen() {
  const user = useSessionStore((s) => s.user);
  const canWrite = user ? hasPermission(user.roles, 'templates:write') : false;
  const { items, phase, loadError, selectedId, creating } = useTemplatesStore();
  const { load, select, startNew } = useTemplatesStore.getState();
  const [orderId, setOrderId] = useState<string | null>(null);
  const [toast, setToast] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const selected = items.find((t) => t.id === selectedId) ?? null;
  return (
    <>
      <PageHeader
        title="Templates"
        subtitle="Messages with placeholders that fill in from the order: customer, vehicles and their stages, balance due, ETA."
        actions={
          canWrite ? (
            <Button variant="primary" icon={<PlusIcon />} onClick={startNew}>
              New template
            </Button>
          ) : (
            <span className="flex items-center gap-1.5 text-body-sm text-ink-muted">
              <LockIcon className="size-4" /> Editing is for Admins
            </span>
          )
        }
      />
      {loadError ? (
        <NoticeBanner tone="error" className="mb-4" title="Could not load the templates">
          {loadError}
        </NoticeBanner>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <Card className="self-start p-2">
          {phase !== 'ready' && items.length === 0 ? (
            <div className="flex flex-col gap-2 p-2">
              {[0, 1, 2, 3].map((n) => (
                <Skeleton key={n} className="h-7 w-full" />
              ))}
            </div>
          ) : (
            <ul aria-label="Templates" className="flex flex-col gap-0.5">
              {items.map((t) => {
                const active = t.id === selectedId && !creating;
                return (
                  <li key={t.id}>
                    <button
                      type="button"
                      aria-current={active ? 'true' : undefined}
                      onClick={() => select(t.id)}
                      className={`flex w-full items-center justify-between gap-2 rounded-control px-3 py-2 text-left text-body-sm transition-colors ${
                        active ? 'bg-primary-soft font-semibold text-primary-hover' : 'text-ink hover:bg-surface-muted'
                      }`}
                    >
                      <span className="truncate">{t.name}</span>
                      <span className="shrink-0 text-caption font-normal text-ink-subtle">
                        {t.channel === 'any' ? 'Any' : CHANNEL_LABELS[t.channel]}
                      </span>
                    </button>
                  </li>
                );
              })}
              {creating ? (
                <li className="rounded-control bg-primary-soft px-3 py-2 text-body-sm font-semibold text-primary-hover">New template</li>
              ) : null}
            </ul>
          )}
        </Card>
        {selected || creating ? (
          <TemplateEditor
            key={creating ? 'new' : `${selected?.id ?? ''}`}
            template={creating ? null : selected}
            canWrite={canWrite}
            orderId={orderId}
            onOrderChange={setOrderId}
            onSaved={setToast}
          />
        ) : (
          <Card>
            <EmptyState icon={<PlusIcon className="size-5" />} title={phase === 'ready' ? 'No template chosen' : 'Loading…'}>
              {phase === 'ready' ? 'Choose a template on the left.' : null}
            </EmptyState>
          </Card>
        )}
      </div>
      {orderId ? <ComposerDemo orderId={orderId} /> : null}
      <SaveToast message={toast} onDone={setToast} />
    </>
  );
}
