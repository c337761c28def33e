// Likely duplicate customers: same e-mail, same phone (E.164), or a similar name at the same company.

export const DUPLICATE_REASONS = ['same_email', 'same_phone', 'similar_name_and_company'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export const DUPLICATE_REASON_LABELS: Readonly<Record<DuplicateReason, string>> = {
  same_email: 'same email',
  same_phone: 'same phone',
  similar_name_and_company: 'similar name, same company',
};

/** What a customer is compared by: the e-mail lower-cased and the phone already in E.164. */
export interface DuplicateProbe {
  name?: string | null | undefined;
  email?: string | null | undefined;
  phoneE164?: string | null | undefined;
  company?: string | null | undefined;
}

/** The e-mail as compared: trimmed and lower-cased (mailboxes are case-insensitive in practice). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Case, accents and punctuation removed, spaces collapsed: "Ngātā-Motors, Ltd." -> "ngata motors ltd". */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Typos allowed for a name of this length: none for short names ("Li Wu" / "Lu Wu" are two people), then 1, then 2. */
function allowedTypos(length: number): number {
  if (length <= 6) return 0;
  return length <= 12 ? 1 : 2;
}

/** Whether two names are likely one person: equal once normalised (in any word order), or a small edit apart. */
export function similarNames(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const sorted = (s: string) => s.split(' ').sort().join(' ');
  if (sorted(x) === sorted(y)) return true;
  const limit = allowedTypos(Math.min(x.length, y.length));
  return limit > 0 && editDistance(x, y, limit) <= limit;
}

/** Why `existing` is likely the customer `probe` describes (empty: not a duplicate). */
export function duplicateReasons(probe: DuplicateProbe, existing: DuplicateProbe): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (probe.email && existing.email && normalizeEmail(probe.email) === normalizeEmail(existing.email)) reasons.push('same_email');
  if (probe.phoneE164 && existing.phoneE164 && probe.phoneE164 === existing.phoneE164) reasons.push('same_phone');
  if (
    probe.name &&
    existing.name &&
    probe.company &&
    existing.company &&
    normalizeName(probe.company) !== '' &&
    normalizeName(probe.company) === normalizeName(existing.company) &&
    similarNames(probe.name, existing.name)
  ) {
    reasons.push('similar_name_and_company');
  }
  return reasons;
}

/** "same email and same phone": the reasons as a CSR reads them. */
export function describeReasons(reasons: readonly DuplicateReason[]): string {
  return reasons.map((r) => DUPLICATE_REASON_LABELS[r]).join(' and ');
}
