// A labelled progress bar (0..1) with its percentage: the order's mean stage progress.
export function formatPercent(fraction: number): string {
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

export function ProgressBar({
  value,
  label,
  size = 'sm',
  tone = 'bg-primary',
}: {
  value: number;
  label: string;
  size?: 'sm' | 'lg';
  tone?: string;
}) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="flex items-center gap-2.5">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className={`relative flex-1 overflow-hidden rounded-full bg-line ${size === 'lg' ? 'h-2.5' : 'h-1.5'}`}
      >
        <div className={`absolute inset-y-0 left-0 rounded-full ${tone}`} style={{ width: `${percent}%` }} />
      </div>
      <span className={`tabular w-10 text-right font-medium text-ink-muted ${size === 'lg' ? 'text-body' : 'text-caption'}`}>
        {percent}%
      </span>
    </div>
  );
}
