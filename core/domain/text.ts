// What text Portside accepts: NFC-normalized, trimmed, no control or bidi-override characters, something visible.

/**
 * C0 and C1 control characters and DEL. Tab and line breaks are allowed only in multi-line
 * fields (notes, addresses, reasons), checked separately below.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Unicode's line and paragraph separators (U+2028, U+2029) break lines too, on screen and in exports. */
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/u;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they can make
 * "invoice.exe" look like "exe.eciovni" or reorder a VIN on screen ("Trojan Source").
 * Right-to-left scripts themselves (Arabic, Hebrew) need none of them and stay accepted.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** A lone surrogate half is not text; it cannot round-trip through UTF-8. */
const LONE_SURROGATE = /\p{Surrogate}/u;
/** A character a person can see: a letter, digit, punctuation or symbol (emoji included). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
/**
 * Characters that draw nothing although their category says letter or symbol: the Hangul
 * fillers (U+115F, U+1160, U+3164, U+FFA0, "Default_Ignorable") and the blank Braille pattern
 * (U+2800), the usual ways to make a name that looks empty.
 */
const DRAWS_NOTHING = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;

export interface TextRules {
  /** Notes, addresses and reasons may hold line breaks and tabs. */
  multiline: boolean;
}

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `raw` is not acceptable text, as the end of a sentence that starts with the field's
 * label ("Name contains ..."), or null when it is fine.
 */
export function textProblem(raw: string, rules: TextRules): string | null {
  if (LONE_SURROGATE.test(raw)) return 'contains a broken character (a lone UTF-16 surrogate): retype it.';
  const control = CONTROL.exec(raw);
  if (control) return `contains an invisible control character (${codePoint(control[0])}): remove it and retype the text.`;
  if (!rules.multiline) {
    const lineBreak = LINE_BREAK_OR_TAB.exec(raw);
    if (lineBreak) return `must be on one line: remove the ${lineBreak[0] === '\t' ? 'tab' : 'line break'}.`;
  }
  const bidi = BIDI_CONTROL.exec(raw);
  if (bidi) return `contains a text-direction override character (${codePoint(bidi[0])}), which can disguise what is shown: remove it.`;
  return null;
}

/** Trimmed and NFC-normalized; Windows line endings and U+2028/U+2029 become "\n" in multi-line text. */
export function normalizeText(raw: string, rules: TextRules): string {
  const text = rules.multiline ? raw.replace(/\r\n?|[\u2028\u2029]/g, '\n') : raw;
  return text.normalize('NFC').trim();
}

/** True when the text has at least one character a person can see (not only spaces or zero-width marks). */
export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text.replace(DRAWS_NOTHING, ''));
}
