// Every data table's frame: columns that give way at narrow widths, the uppercase header row, and a body that shows placeholders until its rows arrive.
import { type ComponentPropsWithoutRef, type ReactNode, useRef } from 'react';
import { useOverflowsSideways } from '../hooks/use-overflows-sideways';
import { SkeletonRows } from './skeleton';
import { cellClasses, colProps, type TableColumn, type TableColumns, tableMinWidthProps } from './table-columns';

export type { TableColumn, TableColumns } from './table-columns';
export { whileHidden, whileWidened } from './table-columns';

/** Cell padding: `regular` for full-page tables, `compact` for tables inside a form or picker. */
export type TableDensity = 'regular' | 'compact';

const HEAD_PADDING: Record<TableDensity, string> = {
  regular: 'px-4 py-2.5',
  compact: 'px-3 py-2',
};

/**
 * Where the header row stays in view while the rows scroll under it:
 * `page` – at the top of the screen's scrolling area (a list screen);
 * `box` – at the top of the scrolling box the table sits in (a picker's results), which then also scrolls sideways.
 */
export type StickyHeader = 'page' | 'box';

type DataTableProps = Omit<ComponentPropsWithoutRef<'table'>, 'children'> & {
  columns: TableColumns;
  density?: TableDensity;
  stickyHeader?: StickyHeader;
  /** The body: a `ListTableBody` for a list that loads, or a plain `<tbody>` of `DataCell` rows. */
  children: ReactNode;
};

/**
 * The columns keep their widths whatever the rows hold (`table-fixed`); as the frame narrows, columns with `hideBelow`
 * leave and the flexible column keeps its minimum. Only if that is still too wide does the table scroll sideways.
 */
export function DataTable({ columns, density = 'regular', stickyHeader, className = '', style, children, ...table }: DataTableProps) {
  const frame = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  // A page-sticky header sticks to the page only while the frame is no scroll container; when the table must scroll
  // sideways the frame becomes one, at most a screen high, so the header sticks to its top and its scrollbar stays in reach.
  const cramped = useOverflowsSideways(frame, tableRef, stickyHeader === 'page');
  const list = Object.values(columns);
  const minWidth = tableMinWidthProps(list);
  const head = `${HEAD_PADDING[density]} text-left text-caption font-semibold tracking-wide whitespace-nowrap text-ink-subtle uppercase`;

  let frameScroll = 'overflow-x-auto';
  if (stickyHeader === 'box') frameScroll = '';
  else if (stickyHeader === 'page') frameScroll = cramped ? 'max-h-[calc(100dvh-4rem)] overflow-auto' : '';

  return (
    <div ref={frame} className={`@container ${frameScroll}`}>
      <table
        ref={tableRef}
        className={`w-full table-fixed border-collapse text-body ${minWidth.className} ${className}`}
        style={{ ...minWidth.style, ...style }}
        {...table}
      >
        <colgroup>
          {list.map((column, index) => (
            <col key={index} {...colProps(column)} />
          ))}
        </colgroup>
        <thead className={`${stickyHeader ? 'sticky top-0 z-10' : ''} border-b border-line bg-surface-muted`}>
          <tr>
            {list.map((column, index) => (
              <th key={index} scope="col" className={`${head} ${cellClasses(column)}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

/** A body cell of `column`: it hides with its column and takes the column's alignment. */
export function DataCell({ column, className = '', ...cell }: ComponentPropsWithoutRef<'td'> & { column: TableColumn }) {
  return <td className={`${cellClasses(column)} ${className}`} {...cell} />;
}

/** A list table's body: placeholder rows until the first page arrives, then the rows, faded while new ones load in their place. */
export function ListTableBody({
  columns,
  loading,
  dimmed,
  skeletonRowClass,
  className = '',
  children,
}: {
  /** The table's columns, so the placeholder cells hide along with them. */
  columns: TableColumns;
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
      {loading ? <SkeletonRows rows={10} cellClasses={Object.values(columns).map(cellClasses)} rowClass={skeletonRowClass} /> : children}
    </tbody>
  );
}
