// Every data table's frame: set column widths, the uppercase header row, and a body that shows placeholders until its rows arrive.
import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import { SkeletonRows } from './skeleton';

export interface TableColumn {
  /** The header text; wrap it in `sr-only` for a column of actions or checkboxes. */
  label: ReactNode;
  /** A Tailwind width class such as `w-[9rem]`; a column without one takes the space left over. */
  width?: string;
  align?: 'left' | 'right';
}

/** Cell padding: `regular` for full-page tables, `compact` for tables inside a form or picker. */
export type TableDensity = 'regular' | 'compact';

const HEAD_PADDING: Record<TableDensity, string> = {
  regular: 'px-4 py-2.5',
  compact: 'px-3 py-2',
};

type DataTableProps = ComponentPropsWithoutRef<'table'> & {
  columns: readonly TableColumn[];
  density?: TableDensity;
  /** Keeps the header row in view while the rows scroll under it. */
  sticky?: boolean;
  /** The body: a `ListTableBody` for a list that loads, or a plain `<tbody>`. */
  children: ReactNode;
};

/** The columns keep their widths whatever the rows hold (`table-fixed`). */
export function DataTable({ columns, density = 'regular', sticky = false, className = '', children, ...table }: DataTableProps) {
  const cell = `${HEAD_PADDING[density]} text-left text-caption font-semibold tracking-wide whitespace-nowrap text-ink-subtle uppercase`;
  return (
    <table className={`w-full table-fixed border-collapse text-body ${className}`} {...table}>
      <colgroup>
        {columns.map((column, index) => (
          <col key={index} className={column.width} />
        ))}
      </colgroup>
      <thead className={`${sticky ? 'sticky top-0 z-10' : ''} border-b border-line bg-surface-muted`}>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" className={column.align === 'right' ? `${cell} text-right` : cell}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      {children}
    </table>
  );
}

/** A list table's body: placeholder rows until the first page arrives, then the rows, faded while new ones load in their place. */
export function ListTableBody({
  columnCount,
  loading,
  dimmed,
  skeletonRowClass,
  className = '',
  children,
}: {
  columnCount: number;
  /** Nothing to show yet: placeholder rows instead of `children`. */
  loading: boolean;
  /** The rows shown are about to be replaced (a new filter or search is loading). */
  dimmed: boolean;
  /** The height of a placeholder row, to match the real rows. */
  skeletonRowClass?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <tbody className={dimmed ? `opacity-55 ${className}` : className}>
      {loading ? <SkeletonRows rows={10} columns={columnCount} rowClass={skeletonRowClass} /> : children}
    </tbody>
  );
}
