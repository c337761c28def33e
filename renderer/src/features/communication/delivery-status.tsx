// An e-mail's delivery state on its timeline entry: Draft (open in mail app, copy), Queued, Sent (message id), Failed (why, Retry).
import { useState } from 'react';
import { type CommunicationView, mailtoLink } from '../../../../core/domain/communication';
import { Button, buttonClasses } from '../../components/button';
import { AlertIcon, CheckIcon, CopyIcon, MailIcon, RefreshIcon } from '../../components/icons';
import { formatDateTime } from '../../format/dates';

const CHIP = 'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-caption font-semibold ring-1 ring-inset';

export interface DeliveryActions {
  onRetry(entryId: string): Promise<void>;
  onCopied(): void;
}

export function DeliveryStatus({ entry, actions }: { entry: CommunicationView; actions: DeliveryActions }) {
  const [retrying, setRetrying] = useState(false);
  switch (entry.deliveryStatus) {
    case 'none':
      return null;
    case 'drafted':
      return (
        <div className="flex flex-wrap items-center gap-2" data-delivery="drafted">
          <span className={`${CHIP} bg-surface-muted text-ink-muted ring-line`}>Draft · not sent</span>
          <a
            className={buttonClasses('secondary', 'sm')}
            href={mailtoLink({ to: entry.toAddress, subject: entry.subject, body: entry.body })}
            target="_blank"
            rel="noreferrer"
          >
            <MailIcon className="size-3.5" />
            Open in mail app
          </a>
          <Button
            size="sm"
            icon={<CopyIcon className="size-3.5" />}
            onClick={() => {
              const text = `${entry.subject ? `${entry.subject}\n\n` : ''}${entry.body}`;
              void navigator.clipboard.writeText(text).then(actions.onCopied, actions.onCopied);
            }}
          >
            Copy
          </Button>
        </div>
      );
    case 'queued':
      return (
        <span className={`${CHIP} bg-primary-soft text-primary-hover ring-primary/20`} data-delivery="queued">
          <MailIcon className="size-3" /> Queued · sending
        </span>
      );
    case 'sent':
      return (
        <span
          className={`${CHIP} bg-success-soft text-success-ink ring-success-ink/20`}
          data-delivery="sent"
          title={entry.messageId ? `Message id: ${entry.messageId}` : undefined}
        >
          <CheckIcon className="size-3" /> Sent
        </span>
      );
    case 'failed':
      return (
        <div className="space-y-1.5" data-delivery="failed">
          <div className="flex flex-wrap items-center gap-2">
            <span className={`${CHIP} bg-danger-soft text-danger ring-danger-line`}>
              <AlertIcon className="size-3" /> Failed
            </span>
            <Button
              size="sm"
              icon={<RefreshIcon className="size-3.5" />}
              busy={retrying}
              onClick={() => {
                setRetrying(true);
                void actions.onRetry(entry.id).finally(() => setRetrying(false));
              }}
            >
              Retry now
            </Button>
          </div>
          <p className="text-body-sm text-danger">
            {entry.lastError}
            {entry.nextAttemptAt ? <span className="text-ink-subtle"> Next try {formatDateTime(entry.nextAttemptAt)}.</span> : null}
          </p>
        </div>
      );
  }
}
