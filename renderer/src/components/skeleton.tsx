// Loading placeholders sized like the content they stand in for, so nothing jumps when it arrives.
export function Skeleton({ className = 'h-4 w-full' }: { className?: string }) {
  return <span className={`block animate-shimmer rounded bg-line/80 ${className}`} aria-hidden="true" />;
}

export function SkeletonRows({ rows, columns, rowClass = 'h-row' }: { rows: number; columns: number; rowClass?: string }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} className={`${rowClass} border-b border-line last:border-0`} aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            <td key={c} className="px-4">
              <Skeleton className={`h-3.5 ${c === 0 ? 'w-28' : c % 3 === 0 ? 'w-16' : 'w-24'}`} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
