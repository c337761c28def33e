// A rendered message as the customer will read it: the subject line, then the body in a fixed-width face so the stage table lines up.
import type { ReactNode } from 'react';

export function RenderedMessage({ subject, body, footer }: { subject: string | null; body: string; footer?: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-card bg-surface ring-1 ring-line" data-testid="rendered-message">
      {subject !== null ? (
        <p className="border-b border-line bg-surface-muted px-4 py-2.5 text-body-sm">
          <span className="mr-2 text-ink-subtle">Subject</span>
          <span className="font-semibold text-ink" data-testid="rendered-subject">
            {subject}
          </span>
        </p>
      ) : null}
      {/* Plain text, shown as text: a value can never become markup here. */}
      <pre
        className="max-h-[28rem] overflow-auto px-4 py-3 font-mono text-caption leading-relaxed break-words whitespace-pre-wrap text-ink"
        data-testid="rendered-body"
      >
        {body}
      </pre>
      {footer ? <div className="border-t border-line px-4 py-2.5">{footer}</div> : null}
    </div>
  );
}
