// Inline banners for errors, warnings, information and a save that worked, announced to screen readers, with an optional action.
import type { ReactNode } from 'react';
import { AlertIcon, CheckIcon, InfoIcon } from './icons';

type Tone = 'error' | 'warning' | 'info' | 'success';

const TONES: Record<Tone, string> = {
  error: 'bg-danger-soft text-danger ring-danger-line',
  warning: 'bg-warning-soft text-warning-ink ring-warning-line',
  info: 'bg-primary-soft text-primary-hover ring-primary/20',
  success: 'bg-success-soft text-success-ink ring-success-ink/20',
};

const ICONS: Record<Tone, typeof AlertIcon> = { error: AlertIcon, warning: AlertIcon, info: InfoIcon, success: CheckIcon };

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
  const Icon = ICONS[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`flex items-start gap-3 rounded-card px-4 py-3 text-body-sm ring-1 ring-inset ${TONES[tone]} ${className}`}
    >
      <Icon className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={title ? 'mt-0.5 text-ink-muted' : ''}>{children}</div> : null}
      </div>
      {action ? <div className="shrink-0 self-center">{action}</div> : null}
    </div>
  );
}
