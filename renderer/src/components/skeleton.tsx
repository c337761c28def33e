// Loading placeholders sized like the content they stand in for, so nothing jumps when it arrives.
export function Skeleton({ className = 'h-4 w-full' }: { className?: string }) {
  return <span className={`block animate-shimmer rounded bg-line/80 ${className}`} aria-hidden="true" />;
}

/** Placeholder table rows; `cellClasses` has one entry per column (its visibility), so placeholders hide with their columns. */
export function SkeletonRows({
  rows,
  cellClasses,
  rowClass = 'h-row',
}: {
  rows: number;
  cellClasses: readonly string[];
  rowClass?: string;
}) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} className={`${rowClass} border-b border-line last:border-0`} aria-hidden="true">
          {cellClasses.map((cellClass, c) => (
            <td key={c} className={`px-4 ${cellClass}`}>
              <Skeleton className={`h-3.5 max-w-full ${c === 0 ? 'w-28' : c % 3 === 0 ? 'w-16' : 'w-24'}`} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
