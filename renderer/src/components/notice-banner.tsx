// Inline banners for errors, warnings and information, announced to screen readers, with an optional action.
import type { ReactNode } from 'react';
import { AlertIcon, InfoIcon } from './icons';

type Tone = 'error' | 'warning' | 'info';

const TONES: Record<Tone, string> = {
  error: 'bg-danger-soft text-danger ring-danger-line',
  warning: 'bg-warning-soft text-warning-ink ring-warning-line',
  info: 'bg-primary-soft text-primary-hover ring-primary/20',
};

export function NoticeBanner({
  tone,
  title,
  children,
  action,
  className = '',
}: {
  tone: Tone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`flex items-start gap-3 rounded-card px-4 py-3 text-body-sm ring-1 ring-inset ${TONES[tone]} ${className}`}
    >
      {tone === 'info' ? <InfoIcon className="mt-0.5 size-4 shrink-0" /> : <AlertIcon className="mt-0.5 size-4 shrink-0" />}
      <div className="min-w-0 flex-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={title ? 'mt-0.5 text-ink-muted' : ''}>{children}</div> : null}
      </div>
      {action ? <div className="shrink-0 self-center">{action}</div> : null}
    </div>
  );
}
