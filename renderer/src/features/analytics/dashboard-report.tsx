// The printable dashboard report: the active filters written out and a table for every figure (shown only when printing).
import type { Dashboard } from '../../../../core/domain/analytics';
import { STAGE_LABELS } from '../../../../core/domain/stages';
import { BrandMark } from '../../components/brand-mark';
import { PrintReport } from '../../components/print-report';
import { formatDateTime } from '../../format/dates';
import { type DashboardQuery, filtersInWords } from './dashboard-query';
import { allTables, type FigureTable } from './dashboard-tables';

export function ReportTable({ table }: { table: FigureTable }) {
  return (
    <table className="report-table mb-6 w-full border-collapse text-[10pt]">
      <caption className="mb-1.5 text-left text-[11pt] font-semibold">{table.caption}</caption>
      <thead>
        <tr>
          {table.header.map((h, i) => (
            <th key={h} scope="col" className={`border-b border-black px-2 py-1 font-semibold ${i === 0 ? 'text-left' : 'text-right'}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 ? (
          <tr>
            <td colSpan={table.header.length} className="px-2 py-1 italic">
              Nothing for these filters.
            </td>
          </tr>
        ) : (
          table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} className={`border-b border-neutral-300 px-2 py-1 ${c === 0 ? 'text-left' : 'tabular text-right'}`}>
                  {cell.text}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function DashboardReport({
  data,
  query,
  names,
}: {
  data: Dashboard;
  query: DashboardQuery;
  names: Readonly<Record<string, string>>;
}) {
  return (
    <PrintReport label="Printable dashboard report" testId="dashboard-report">
      <header className="mb-5 flex items-start justify-between border-b-2 border-black pb-3">
        <div>
          <h1 className="text-[18pt] font-semibold">Portside dashboard report</h1>
          <p className="mt-1 text-[10pt]" data-testid="report-filters">
            {filtersInWords(query, names)}
          </p>
          <p className="text-[10pt]">Quiet orders: no customer contact in {data.quiet.staleDays} days</p>
        </div>
        <div className="flex items-center gap-2 text-right text-[9pt]">
          <div>
            <p>Generated {formatDateTime(data.generatedAt)}</p>
            <p>Days, weeks and months in {data.timeZone}</p>
          </div>
          <BrandMark className="size-8" />
        </div>
      </header>
      {data.bottleneck ? (
        <p className="mb-4 text-[10pt]">
          Bottleneck stage: <strong>{STAGE_LABELS[data.bottleneck]}</strong> (the longest median time)
        </p>
      ) : null}
      {allTables(data).map((table) => (
        <ReportTable key={table.slug} table={table} />
      ))}
    </PrintReport>
  );
}
