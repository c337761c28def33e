// The composer's template menu: templates for the message's channel, each previewed against the order, and "Use" to fill subject and body.
import { useState } from 'react';
import { TEMPLATE_CHANNELS, type TemplateChannel } from '../../../../core/domain/message-template';
import { Button } from '../../components/button';
import { NoticeBanner } from '../../components/notice-banner';
import { Skeleton } from '../../components/skeleton';
import { useApiQuery } from '../../hooks/use-api-query';
import { CHANNEL_LABELS } from './channel-labels';
import { RenderedMessage } from './rendered-message';

export interface AppliedTemplate {
  /** '' for a template without a subject (SMS, WhatsApp). */
  subject: string;
  body: string;
  templateKey: string;
}

export interface TemplatePickerProps {
  /** The order the message is about: every placeholder is filled from it. */
  orderId: string;
  /**
   * The composer's channel (note, phone, email, sms, whatsapp, letter): templates for it and for
   * any channel are offered; a channel templates do not have (a note, a call) offers them all.
   */
  channel: string | null;
  onApply: (applied: AppliedTemplate) => void;
}

const templateChannelOf = (channel: string | null): TemplateChannel | undefined =>
  (TEMPLATE_CHANNELS as readonly string[]).includes(channel ?? '') ? (channel as TemplateChannel) : undefined;

export function TemplatePicker({ orderId, channel, onApply }: TemplatePickerProps) {
  const forChannel = templateChannelOf(channel);
  const templates = useApiQuery('templates.list', forChannel ? { channel: forChannel } : {});
  const items = templates.data?.items ?? [];
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = items.find((t) => t.id === chosenId) ?? items[0] ?? null;
  const preview = useApiQuery('templates.preview', { orderId, templateId: chosen?.id ?? '' }, chosen !== null);

  if (templates.error) return <NoticeBanner tone="error">{templates.error.message}</NoticeBanner>;
  if (!templates.data) return <Skeleton className="h-40" />;
  if (items.length === 0) {
    return <p className="text-body-sm text-ink-muted">No templates for this channel yet. An Admin adds them on the Templates screen.</p>;
  }
  return (
    <div className="grid gap-4 md:grid-cols-[14rem_minmax(0,1fr)]" data-testid="template-picker">
      <ul role="listbox" aria-label="Templates" className="flex flex-col gap-1">
        {items.map((t) => {
          const selected = t.id === chosen?.id;
          return (
            <li key={t.id} role="option" aria-selected={selected}>
              <button
                type="button"
                onClick={() => setChosenId(t.id)}
                className={`flex w-full flex-col items-start rounded-control px-3 py-2 text-left transition-colors ${
                  selected ? 'bg-primary-soft text-primary-hover ring-1 ring-primary/25 ring-inset' : 'text-ink hover:bg-surface-muted'
                }`}
              >
                <span className="text-body-sm font-medium">{t.name}</span>
                <span className="text-caption text-ink-subtle">{CHANNEL_LABELS[t.channel]}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="min-w-0">
        {preview.error ? <NoticeBanner tone="error">{preview.error.message}</NoticeBanner> : null}
        {preview.data && chosen ? (
          <RenderedMessage
            subject={preview.data.subject}
            body={preview.data.body ?? ''}
            footer={
              <div className="flex items-center justify-between gap-3">
                <p className="text-caption text-ink-subtle">
                  Filled in from order {preview.data.orderNumber ?? '—'}. You can still edit it.
                </p>
                <Button
                  variant="primary"
                  size="sm"
                  disabled={preview.loading}
                  onClick={() => onApply({ subject: preview.data?.subject ?? '', body: preview.data?.body ?? '', templateKey: chosen.key })}
                >
                  Use
                </Button>
              </div>
            }
          />
        ) : (
          <Skeleton className="h-40" />
        )}
      </div>
    </div>
  );
}
