// One dashboard figure's card: title, a chart/table switch, "Export CSV", and the empty state when nothing matches.
import { type ReactNode, useState } from 'react';
import { Link } from 'wouter';
import { Button } from '../../components/button';
import { DownloadIcon } from '../../components/icons';
import { Card } from '../../components/page-header';
import { useToastStore } from '../../stores/toast-store';
import { todayInputValue } from '../../format/dates';
import { csvFileName, csvOf, type FigureTable } from './dashboard-tables';
import { downloadText } from './file-download';

/** The figure as a real table (the chart's accessible twin); `rowLinks` makes a row open its orders. */
export function FigureTableView({ table, rowLinks }: { table: FigureTable; rowLinks?: (index: number) => string | null }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-body-sm">
        <caption className="sr-only">{table.caption}</caption>
        <thead>
          <tr className="border-b border-line">
            {table.header.map((h, i) => (
              <th
                key={h}
                scope="col"
                className={`px-3 py-2 text-caption font-semibold tracking-wide text-ink-subtle uppercase ${i === 0 ? 'text-left' : 'text-right'}`}
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {table.rows.map((row, r) => {
            const href = rowLinks?.(r) ?? null;
            return (
              <tr key={r} className="hover:bg-surface-muted">
                {row.map((cell, c) =>
                  c === 0 ? (
                    <th key={c} scope="row" className="px-3 py-1.5 text-left font-medium text-ink">
                      {href ? (
                        <Link href={href} className="text-primary hover:underline" title="Open these orders">
                          {cell.text}
                        </Link>
                      ) : (
                        cell.text
                      )}
                    </th>
                  ) : (
                    <td key={c} className="tabular px-3 py-1.5 text-right text-ink-muted">
                      {cell.text}
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ChartCard({
  title,
  subtitle,
  table,
  empty,
  emptyText,
  rowLinks,
  extra,
  className = '',
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  table: FigureTable;
  /** True when there is nothing to chart: the card says so instead of drawing empty axes. */
  empty: boolean;
  emptyText: string;
  rowLinks?: (index: number) => string | null;
  /** Controls of the card's own (a currency switcher). */
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const showToast = useToastStore((s) => s.show);
  const exportCsv = () => {
    const fileName = csvFileName(table, todayInputValue());
    downloadText(fileName, csvOf(table));
    showToast(`Exported ${fileName}`);
  };
  return (
    <Card className={`flex min-w-0 flex-col p-5 ${className}`}>
      <div className="mb-3 flex items-start justify-between gap-3" data-figure={table.slug}>
        <div className="min-w-0 flex-1">
          <h2 className="text-title font-semibold text-ink">{title}</h2>
          {subtitle ? <div className="mt-0.5 text-body-sm text-ink-muted">{subtitle}</div> : null}
        </div>
        <div className="flex shrink-0 items-center gap-1.5">
          {extra}
          <div
            role="group"
            aria-label={`${title}: show as`}
            className="inline-flex rounded-control bg-surface-muted p-0.5 ring-1 ring-line ring-inset"
          >
            {(['chart', 'table'] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => setView(v)}
                className={`h-7 rounded-[0.3rem] px-2.5 text-caption font-medium ${view === v ? 'bg-surface text-ink shadow-sm ring-1 ring-line' : 'text-ink-muted hover:text-ink'}`}
              >
                {v === 'chart' ? 'Chart' : 'Table'}
              </button>
            ))}
          </div>
          <Button
            size="sm"
            variant="ghost"
            icon={<DownloadIcon />}
            onClick={exportCsv}
            disabled={empty}
            aria-label={`Export ${title} as CSV`}
            title="Export CSV"
          >
            CSV
          </Button>
        </div>
      </div>
      {empty ? (
        <div
          className="flex min-h-40 flex-1 items-center justify-center rounded-control bg-surface-muted px-6 text-center text-body-sm text-ink-muted"
          data-empty-figure
        >
          {emptyText}
        </div>
      ) : view === 'table' ? (
        <FigureTableView table={table} rowLinks={rowLinks} />
      ) : (
        <div className="min-h-0 flex-1">{children}</div>
      )}
    </Card>
  );
}
