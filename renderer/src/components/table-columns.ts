// How a data table's columns are declared, and how they give way when the table's frame is narrow: breakpoints, widths, classes.
import type { CSSProperties, ReactNode } from 'react';

/**
 * Widths of a table's frame (the room the table has, in rem) at which a column may join or widen.
 * They are container widths, not window widths: a table fits the card, dialog or form section it sits in.
 * At the 1024 px minimum window a list screen's table has 45rem (43.9rem beside a classic 17px scrollbar, so the narrowest
 * column set of a page table must need at most 43.5rem); at 1366 px about 65rem; at 1920 px, 84rem.
 * The new-order form's vehicle picker has about 41rem at 1024 px but only about 35rem at 1280 px, beside the summary.
 */
export type TableBreakpoint = 40 | 44 | 48 | 52 | 56 | 60 | 64 | 68 | 76 | 84;

export interface TableColumn {
  /** The header text; wrap it in `sr-only` for a column of actions or checkboxes. */
  label: ReactNode;
  /** Width in rem, cell padding included. A column without one is the flexible column: it takes the room the others leave. */
  width?: number;
  /** For the flexible column: the least room (rem) it keeps; below that the table scrolls sideways instead of squeezing it. */
  minWidth?: number;
  align?: 'left' | 'right';
  /** Hidden while the frame is narrower than this: the less important columns leave first. */
  hideBelow?: TableBreakpoint;
  /** A larger width from a breakpoint on, for cells whose content grows there (buttons that show their labels). */
  widen?: { from: TableBreakpoint; width: number };
}

/** A table's columns in display order, keyed so that each row's cells can name their column. */
export type TableColumns = Readonly<Record<string, TableColumn>>;

/** The flexible column's minimum when it declares none. */
const DEFAULT_FLEXIBLE_MIN_REM = 10;

interface BreakpointClasses {
  /** On `<col>`: the column exists from the breakpoint on. */
  col: string;
  /** On `<th>` and `<td>`: the cell shows from the breakpoint on. */
  cell: string;
  /** Content that stands in for a hidden column: shown only below the breakpoint. */
  below: string;
  /** Inline content shown only from the breakpoint on. */
  inlineFrom: string;
  /** On `<col>`: the wider width from the breakpoint on. */
  widen: string;
  /** On `<table>`: the width the columns need from the breakpoint on. */
  minWidth: string;
}

// Tailwind only generates classes it finds spelled out in full, hence one literal per breakpoint.
const AT: Readonly<Record<TableBreakpoint, BreakpointClasses>> = {
  40: {
    col: 'hidden @min-[40rem]:table-column',
    cell: 'hidden @min-[40rem]:table-cell',
    below: '@min-[40rem]:hidden',
    inlineFrom: 'hidden @min-[40rem]:inline',
    widen: '@min-[40rem]:w-(--column-wide-width)',
    minWidth: '@min-[40rem]:min-w-(--table-min-40)',
  },
  44: {
    col: 'hidden @min-[44rem]:table-column',
    cell: 'hidden @min-[44rem]:table-cell',
    below: '@min-[44rem]:hidden',
    inlineFrom: 'hidden @min-[44rem]:inline',
    widen: '@min-[44rem]:w-(--column-wide-width)',
    minWidth: '@min-[44rem]:min-w-(--table-min-44)',
  },
  48: {
    col: 'hidden @min-[48rem]:table-column',
    cell: 'hidden @min-[48rem]:table-cell',
    below: '@min-[48rem]:hidden',
    inlineFrom: 'hidden @min-[48rem]:inline',
    widen: '@min-[48rem]:w-(--column-wide-width)',
    minWidth: '@min-[48rem]:min-w-(--table-min-48)',
  },
  52: {
    col: 'hidden @min-[52rem]:table-column',
    cell: 'hidden @min-[52rem]:table-cell',
    below: '@min-[52rem]:hidden',
    inlineFrom: 'hidden @min-[52rem]:inline',
    widen: '@min-[52rem]:w-(--column-wide-width)',
    minWidth: '@min-[52rem]:min-w-(--table-min-52)',
  },
  56: {
    col: 'hidden @min-[56rem]:table-column',
    cell: 'hidden @min-[56rem]:table-cell',
    below: '@min-[56rem]:hidden',
    inlineFrom: 'hidden @min-[56rem]:inline',
    widen: '@min-[56rem]:w-(--column-wide-width)',
    minWidth: '@min-[56rem]:min-w-(--table-min-56)',
  },
  60: {
    col: 'hidden @min-[60rem]:table-column',
    cell: 'hidden @min-[60rem]:table-cell',
    below: '@min-[60rem]:hidden',
    inlineFrom: 'hidden @min-[60rem]:inline',
    widen: '@min-[60rem]:w-(--column-wide-width)',
    minWidth: '@min-[60rem]:min-w-(--table-min-60)',
  },
  64: {
    col: 'hidden @min-[64rem]:table-column',
    cell: 'hidden @min-[64rem]:table-cell',
    below: '@min-[64rem]:hidden',
    inlineFrom: 'hidden @min-[64rem]:inline',
    widen: '@min-[64rem]:w-(--column-wide-width)',
    minWidth: '@min-[64rem]:min-w-(--table-min-64)',
  },
  68: {
    col: 'hidden @min-[68rem]:table-column',
    cell: 'hidden @min-[68rem]:table-cell',
    below: '@min-[68rem]:hidden',
    inlineFrom: 'hidden @min-[68rem]:inline',
    widen: '@min-[68rem]:w-(--column-wide-width)',
    minWidth: '@min-[68rem]:min-w-(--table-min-68)',
  },
  76: {
    col: 'hidden @min-[76rem]:table-column',
    cell: 'hidden @min-[76rem]:table-cell',
    below: '@min-[76rem]:hidden',
    inlineFrom: 'hidden @min-[76rem]:inline',
    widen: '@min-[76rem]:w-(--column-wide-width)',
    minWidth: '@min-[76rem]:min-w-(--table-min-76)',
  },
  84: {
    col: 'hidden @min-[84rem]:table-column',
    cell: 'hidden @min-[84rem]:table-cell',
    below: '@min-[84rem]:hidden',
    inlineFrom: 'hidden @min-[84rem]:inline',
    widen: '@min-[84rem]:w-(--column-wide-width)',
    minWidth: '@min-[84rem]:min-w-(--table-min-84)',
  },
};

const BREAKPOINTS = Object.keys(AT).map(Number) as TableBreakpoint[];

type CustomProperties = CSSProperties & Record<`--${string}`, string>;

/** The classes of a header or body cell of `column`: hidden with its column, aligned like its header. */
export function cellClasses(column: TableColumn): string {
  const visibility = column.hideBelow === undefined ? '' : AT[column.hideBelow].cell;
  return column.align === 'right' ? `${visibility} text-right` : visibility;
}

/** The `<col>` of `column`: its visibility and width (custom properties, so the width can change at a breakpoint). */
export function colProps(column: TableColumn): { className: string; style: CustomProperties | undefined } {
  const classes: string[] = [];
  if (column.hideBelow !== undefined) classes.push(AT[column.hideBelow].col);
  if (column.width === undefined) return { className: classes.join(' '), style: undefined };
  classes.push('w-(--column-width)');
  const style: CustomProperties = { '--column-width': `${column.width}rem` };
  if (column.widen) {
    classes.push(AT[column.widen.from].widen);
    style['--column-wide-width'] = `${column.widen.width}rem`;
  }
  return { className: classes.join(' '), style };
}

/** Classes for content that stands in for `column` while it is hidden (e.g. the colour under the vehicle's name). */
export function whileHidden(column: TableColumn): string {
  return column.hideBelow === undefined ? 'hidden' : AT[column.hideBelow].below;
}

/** Classes for inline content of `column` shown only once the column has widened (e.g. a button's label beside its icon). */
export function whileWidened(column: TableColumn): string {
  return column.widen === undefined ? '' : AT[column.widen.from].inlineFrom;
}

/** The room (rem) the columns shown in a frame `frameRem` wide need, with the flexible column at its minimum. */
export function neededWidth(columns: readonly TableColumn[], frameRem: number): number {
  let total = 0;
  for (const column of columns) {
    if (column.hideBelow !== undefined && frameRem < column.hideBelow) continue;
    if (column.width === undefined) total += column.minWidth ?? DEFAULT_FLEXIBLE_MIN_REM;
    else total += column.widen && frameRem >= column.widen.from ? column.widen.width : column.width;
  }
  return total;
}

/**
 * The table's minimum width at every breakpoint: never less than its shown columns need, so the flexible column
 * keeps its minimum and no header runs into the next. If the frame is narrower, the table scrolls sideways.
 */
export function tableMinWidthProps(columns: readonly TableColumn[]): { className: string; style: CustomProperties } {
  const style: CustomProperties = { '--table-min': `${neededWidth(columns, 0)}rem` };
  const classes = ['min-w-(--table-min)'];
  for (const at of BREAKPOINTS) {
    style[`--table-min-${at}`] = `${neededWidth(columns, at)}rem`;
    classes.push(AT[at].minWidth);
  }
  return { className: classes.join(' '), style };
}
