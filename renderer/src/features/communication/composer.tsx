// The Activity composer: an internal note (amber, team only) or a message to the customer (channel, direction, subject), Ctrl/Cmd+Enter sends.
import { type ComponentType, type FormEvent, type KeyboardEvent, type ReactNode, useState } from 'react';
import type { InputOf } from '../../../../core/api/contract';
import {
  CHANNEL_LABELS,
  type CommunicationChannel,
  type CommunicationDirection,
  type CommunicationView,
} from '../../../../core/domain/communication';
import { CONTACT_CHANNELS, type ContactChannel } from '../../../../core/domain/customer';
import type { Order } from '../../../../core/domain/order';
import { Button } from '../../components/button';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { CloseIcon, LockIcon, SendIcon, TemplateIcon, UserIcon } from '../../components/icons';
import { formatDateTime } from '../../format/dates';
import type { ActivityCustomer, LogResult } from '../../stores/activity-store';
import type { ErrorDetails } from '../../api/error-details';
import { NoticeBanner } from '../../components/notice-banner';

/** What a template picker gives the composer (templates are built elsewhere and mounted in this slot). */
export interface AppliedTemplate {
  subject: string;
  body: string;
  templateKey: string;
}

/** The props the composer's template slot passes to a picker: `TemplatePicker({orderId, channel, onApply})`. */
export interface TemplatePickerProps {
  orderId: string;
  channel: CommunicationChannel;
  onApply: (template: AppliedTemplate) => void;
}

export type TemplatePickerComponent = ComponentType<TemplatePickerProps>;

type Mode = 'note' | 'message';

export interface ComposerProps {
  order: Order;
  customer: ActivityCustomer | null;
  /** The entry being corrected ("Correct" on an entry), or null; mount the composer with `key` = its id. */
  correcting: CommunicationView | null;
  onCancelCorrection(): void;
  /** Where a template picker is mounted, when one is given. */
  templatePicker?: TemplatePickerComponent | undefined;
  onSubmit(input: Omit<InputOf<'communication.log'>, 'id'>): Promise<LogResult>;
  /** Called after a successful send, with the toast text. */
  onDone(message: string): void;
}

/** Channel names inside a sentence ("prefers SMS", "Log phone call"). */
const CHANNEL_IN_TEXT: Record<ContactChannel, string> = {
  phone: 'phone call',
  email: 'e-mail',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  letter: 'letter',
};

const DIRECTION_WORDS: Record<CommunicationDirection, string> = { in: 'From the customer', out: 'To the customer' };
const SUBJECT_CHANNELS: readonly CommunicationChannel[] = ['email', 'letter'];

function doneMessage(entry: CommunicationView): string {
  if (entry.channel === 'note') return 'Internal note added.';
  if (entry.deliveryStatus === 'queued') return `E-mail to ${entry.toAddress ?? 'the customer'} is on its way.`;
  if (entry.deliveryStatus === 'drafted') return 'E-mail saved as a draft: open it in your mail app or copy it.';
  return `${CHANNEL_LABELS[entry.channel]} logged.`;
}

export function Composer({ order, customer, correcting, onCancelCorrection, templatePicker: Picker, onSubmit, onDone }: ComposerProps) {
  const preferred: ContactChannel = customer?.preferredChannel ?? 'phone';
  // A correction starts as the entry it corrects (the panel remounts the composer per entry), so it reads as the same conversation.
  const [mode, setMode] = useState<Mode>(correcting?.channel === 'note' ? 'note' : 'message');
  /** The channel the CSR picked; until then the customer's preferred one (which may arrive after the first render). */
  const [chosenChannel, setChosenChannel] = useState<ContactChannel | null>(
    correcting && correcting.channel !== 'note' ? correcting.channel : null,
  );
  const channel = chosenChannel ?? preferred;
  const [direction, setDirection] = useState<CommunicationDirection>(correcting?.direction ?? 'out');
  const [subject, setSubject] = useState(correcting?.subject ?? '');
  const [body, setBody] = useState('');
  /** The template picker opens on request: most entries are typed, and it is a large panel. */
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const [to, setTo] = useState('');
  const [vehicleIds, setVehicleIds] = useState<string[]>([]);
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorDetails | null>(null);

  const isNote = mode === 'note';
  const effectiveChannel: CommunicationChannel = isNote ? 'note' : channel;
  const wantsSubject = !isNote && SUBJECT_CHANNELS.includes(channel);
  const sendsEmail = !isNote && channel === 'email' && direction === 'out';
  const vehicles = order.vehicles.filter((v) => v.status !== 'Removed');

  const reset = () => {
    setSubject('');
    setBody('');
    setTo('');
    setVehicleIds([]);
    setTemplateKey(null);
    setError(null);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await onSubmit({
      channel: effectiveChannel,
      ...(isNote ? {} : { direction }),
      ...(wantsSubject && subject.trim() ? { subject } : {}),
      body,
      ...(vehicleIds.length > 0 ? { vehicleIds } : {}),
      ...(correcting ? { correctsId: correcting.id } : {}),
      ...(templateKey ? { templateKey } : {}),
      ...(sendsEmail && to.trim() ? { to } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    reset();
    onCancelCorrection();
    onDone(doneMessage(result.entry));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  const fields = error?.fields ?? {};
  const generalError = error && Object.keys(fields).length === 0 ? error.message : error && !fields.body ? error.message : null;

  return (
    <form
      onSubmit={(e) => void submit(e)}
      onKeyDown={onKeyDown}
      aria-label="Log communication"
      data-testid="composer"
      data-mode={mode}
      className={`rounded-card p-4 ring-1 ${isNote ? 'bg-warning-soft ring-warning-line' : 'bg-surface ring-line'}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="radiogroup" aria-label="Kind of entry" className="inline-flex rounded-control bg-surface-muted p-0.5 ring-1 ring-line">
          <ModeButton active={!isNote} onClick={() => setMode('message')} icon={<UserIcon className="size-4" />}>
            Message the customer
          </ModeButton>
          <ModeButton active={isNote} onClick={() => setMode('note')} icon={<LockIcon className="size-4" />} tone="note">
            Internal note
          </ModeButton>
        </div>
        {Picker && !isNote ? (
          <Button
            size="sm"
            variant="ghost"
            icon={<TemplateIcon className="size-4" />}
            aria-expanded={templatesOpen}
            onClick={() => setTemplatesOpen((open) => !open)}
          >
            {templatesOpen ? 'Hide templates' : 'Use a template'}
          </Button>
        ) : null}
      </div>
      {Picker && !isNote && templatesOpen ? (
        <div className="mt-3 rounded-card bg-surface-muted/60 p-3 ring-1 ring-line">
          <Picker
            orderId={order.id}
            channel={effectiveChannel}
            onApply={(t) => {
              setSubject(t.subject);
              setBody(t.body);
              setTemplateKey(t.templateKey);
              setTemplatesOpen(false);
            }}
          />
        </div>
      ) : null}

      {isNote ? (
        <p className="mt-3 flex items-center gap-1.5 text-body-sm text-warning-ink">
          <LockIcon className="size-3.5" /> Only your team sees this. It is never sent to the customer.
        </p>
      ) : null}

      {correcting ? (
        <div className="mt-3 flex items-center justify-between gap-2 rounded-control bg-primary-soft px-3 py-2 text-body-sm text-primary-hover">
          <span>
            Correcting the {correcting.channel === 'note' ? 'internal note' : CHANNEL_IN_TEXT[correcting.channel]} of{' '}
            {formatDateTime(correcting.createdAt)}: the original stays, this entry follows it.
          </span>
          <Button size="sm" variant="ghost" icon={<CloseIcon className="size-3.5" />} onClick={onCancelCorrection}>
            Stop correcting
          </Button>
        </div>
      ) : null}

      {!isNote ? (
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <SelectField
            label="Channel"
            value={channel}
            error={fields.channel}
            onChange={(e) => setChosenChannel(e.target.value as ContactChannel)}
            hint={customer?.preferredChannel ? `${customer.name} prefers ${CHANNEL_IN_TEXT[customer.preferredChannel]}.` : undefined}
          >
            {CONTACT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Direction"
            value={direction}
            error={fields.direction}
            onChange={(e) => setDirection(e.target.value as CommunicationDirection)}
          >
            <option value="out">{DIRECTION_WORDS.out}</option>
            <option value="in">{DIRECTION_WORDS.in}</option>
          </SelectField>
          {sendsEmail ? (
            <TextField
              label="To"
              type="email"
              className="sm:col-span-2"
              value={to}
              placeholder={customer?.email ?? 'name@example.com'}
              hint={customer?.email ? `Leave empty to send to ${customer.email}.` : 'The customer has no e-mail address on file.'}
              error={fields.to}
              onChange={(e) => setTo(e.target.value)}
            />
          ) : null}
          {wantsSubject ? (
            <TextField
              label="Subject"
              className="sm:col-span-2"
              value={subject}
              error={fields.subject}
              onChange={(e) => setSubject(e.target.value)}
            />
          ) : null}
        </div>
      ) : null}

      <TextAreaField
        label={isNote ? 'Note' : channel === 'phone' ? 'What was said' : 'Message'}
        className="mt-3"
        rows={4}
        required
        value={body}
        error={fields.body}
        placeholder={isNote ? 'Something the team should know…' : undefined}
        onChange={(e) => setBody(e.target.value)}
      />

      {vehicles.length > 0 ? (
        <fieldset className="mt-3">
          <legend className="mb-1.5 text-body-sm font-medium text-ink">About vehicles (optional)</legend>
          <div className="flex flex-wrap gap-2">
            {vehicles.map((v) => {
              const checked = vehicleIds.includes(v.vehicleId);
              return (
                <label
                  key={v.vehicleId}
                  className={`inline-flex cursor-pointer items-center gap-1.5 rounded-full px-2.5 py-1 text-caption ring-1 ${
                    checked ? 'bg-primary-soft text-primary-hover ring-primary/40' : 'bg-surface text-ink-muted ring-line'
                  }`}
                >
                  <input
                    type="checkbox"
                    className="size-3.5"
                    checked={checked}
                    onChange={() => setVehicleIds(checked ? vehicleIds.filter((id) => id !== v.vehicleId) : [...vehicleIds, v.vehicleId])}
                  />
                  <span className="font-mono">{v.vin}</span>
                  <span>
                    {v.make} {v.model}
                  </span>
                </label>
              );
            })}
          </div>
          {fields.vehicleIds ? <p className="mt-1.5 text-body-sm text-danger">{fields.vehicleIds}</p> : null}
        </fieldset>
      ) : null}

      {generalError ? (
        <NoticeBanner tone="error" className="mt-3">
          {generalError}
        </NoticeBanner>
      ) : null}

      <div className="mt-3 flex items-center justify-end gap-3">
        <span className="text-caption text-ink-subtle">Ctrl+Enter to {sendsEmail ? 'send' : 'save'}</span>
        <Button type="submit" variant="primary" busy={busy} icon={isNote ? <LockIcon /> : <SendIcon />}>
          {isNote ? 'Add note' : sendsEmail ? 'Send e-mail' : `Log ${CHANNEL_IN_TEXT[channel]}`}
        </Button>
      </div>
    </form>
  );
}

function ModeButton({
  active,
  onClick,
  icon,
  tone = 'message',
  children,
}: {
  active: boolean;
  onClick: () => void;
  icon: ReactNode;
  tone?: 'message' | 'note';
  children: ReactNode;
}) {
  const activeClasses =
    tone === 'note' ? 'bg-warning-line/60 text-warning-ink shadow-sm' : 'bg-surface text-ink shadow-sm ring-1 ring-line';
  return (
    <button
      type="button"
      role="radio"
      aria-checked={active}
      onClick={onClick}
      className={`inline-flex h-8 items-center gap-1.5 rounded-[0.3rem] px-3 text-body-sm font-medium transition-colors ${
        active ? activeClasses : 'text-ink-muted hover:text-ink'
      }`}
    >
      {icon}
      {children}
    </button>
  );
}
