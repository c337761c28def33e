// Inserting a placeholder into a text field at its caret (or over its selection), and where the caret goes after.

export interface Insertion {
  value: string;
  caret: number;
}

/** `token` put in place of [start, end) of `value`; the caret lands right after it. */
export function insertAt(value: string, start: number | null, end: number | null, token: string): Insertion {
  const from = Math.max(0, Math.min(start ?? value.length, value.length));
  const to = Math.max(from, Math.min(end ?? from, value.length));
  return { value: value.slice(0, from) + token + value.slice(to), caret: from + token.length };
}
