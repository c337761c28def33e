// CSV as RFC 4180 says (CRLF, quoted where needed), with a BOM so Excel reads UTF-8.

export const CSV_BOM = '\uFEFF';

export type CsvCell = string | number | boolean | null | undefined;

/**
 * A cell as text. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets
 * a leading apostrophe, so a customer named "=HYPERLINK(...)" stays text; numbers stay numbers.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header row, one row per record, CRLF after every row. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
