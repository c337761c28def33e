// The message-template placeholder language: a fixed list of {{name}} placeholders, parsed strictly, rendered as plain text.
import { type Currency, formatMoney } from './money';
import type { OrderStatus } from './order';
import { type ImportStage, STAGE_LABELS } from './stages';

/*
 * Why by hand and not Mustache or Handlebars: both are template *languages* (sections, partials,
 * helpers, HTML escaping by default, "{{{raw}}}"), and what a CSR's Admin needs is the opposite:
 * a closed list of names, nothing else, and a refusal naming the mistake when saving. Checking
 * a Mustache parse tree against a whitelist would still mean refusing most of its syntax; the
 * whole language here is `{{` name `}}`, about sixty lines.
 *
 * Templates are plain text. Values are inserted as text in one pass over the parsed template,
 * so a customer named "{{order.value}}" or "<b>x</b>" stays exactly that text: nothing is
 * expanded twice and nothing is markup. Whoever shows the result must show it as text.
 */

export const PLACEHOLDERS = [
  { name: 'customer.name', description: "The customer's name" },
  { name: 'customer.company', description: "The customer's company" },
  { name: 'order.number', description: 'The order number, e.g. PS-2026-00042' },
  { name: 'order.status', description: "The order's status (Draft, Confirmed, In Progress, Completed, Cancelled)" },
  { name: 'order.value', description: "The order's value in its currency" },
  { name: 'order.balanceDue', description: 'What the customer still owes on the order' },
  { name: 'order.eta', description: 'The estimated completion date' },
  { name: 'order.progress', description: "The order's progress in percent" },
  { name: 'vehicles.stageTable', description: 'A plain-text table of the vehicles: VIN, vehicle, stage, since' },
  { name: 'csr.name', description: 'Your name (the person sending)' },
  { name: 'today', description: "Today's date" },
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number]['name'];

export const PLACEHOLDER_NAMES: readonly PlaceholderName[] = PLACEHOLDERS.map((p) => p.name);

/** What a missing value renders as: visible, never "undefined" or an empty gap in a sentence. */
export const MISSING_VALUE = '—';

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'placeholder'; name: PlaceholderName };

export interface TemplateProblem {
  kind: 'unknown' | 'malformed';
  /** What was written between the braces (unknown) or around the stray brace (malformed). */
  found: string;
  /** The known placeholder it most likely meant, for "did you mean ...?". */
  suggestion: PlaceholderName | null;
  /** Character offset in the text. */
  index: number;
}

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** Each known placeholder once, in order of first use. */
  placeholders: PlaceholderName[];
  problems: TemplateProblem[];
}

const isPlaceholderName = (name: string): name is PlaceholderName => (PLACEHOLDER_NAMES as readonly string[]).includes(name);

/** Splits text into literal text and placeholders; unknown names and stray or unclosed braces become problems. */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  const used: PlaceholderName[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const strayClose = text.indexOf('}}', i);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      problems.push({ kind: 'malformed', found: excerpt(text, strayClose), suggestion: null, index: strayClose });
    }
    if (open === -1) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, open);
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      problems.push({ kind: 'malformed', found: excerpt(text, open), suggestion: null, index: open });
      literal += '{{';
      i = open + 2;
      continue;
    }
    const inner = text.slice(open + 2, close);
    const name = inner.trim();
    // "{{{x}}}" (Handlebars' unescaped form) or braces inside: not our syntax.
    if (name === '' || /[{}]/.test(inner) || text[close + 2] === '}') {
      problems.push({ kind: 'malformed', found: excerpt(text, open), suggestion: null, index: open });
      literal += text.slice(open, close + 2);
      i = close + 2;
      continue;
    }
    if (isPlaceholderName(name)) {
      if (literal) parts.push({ kind: 'text', text: literal });
      literal = '';
      parts.push({ kind: 'placeholder', name });
      if (!used.includes(name)) used.push(name);
    } else {
      problems.push({ kind: 'unknown', found: name, suggestion: suggestPlaceholder(name), index: open });
      literal += text.slice(open, close + 2);
    }
    i = close + 2;
  }
  if (literal) parts.push({ kind: 'text', text: literal });
  return { parts, placeholders: used, problems };
}

function excerpt(text: string, index: number): string {
  return text.slice(Math.max(0, index - 10), index + 12).replace(/\s+/g, ' ');
}

const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? Math.max(a.length, b.length);
}

/** The known placeholder closest to a mistyped one ("order_number", "{{order.numbr}}", "{{number}}"), or null. */
export function suggestPlaceholder(written: string): PlaceholderName | null {
  const wanted = squash(written);
  if (wanted === '') return null;
  let best: { name: PlaceholderName; distance: number } | null = null;
  for (const name of PLACEHOLDER_NAMES) {
    const known = squash(name);
    const lastPart = squash(name.split('.').pop() ?? name);
    const distance = Math.min(editDistance(wanted, known), wanted === lastPart ? 0 : editDistance(wanted, lastPart) + 1);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.name : null;
}

const knownList = (): string => PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join(', ');

/** A problem as a sentence for the Admin, starting with the field's label ("Body uses ..."). */
export function describeTemplateProblem(label: string, problem: TemplateProblem): string {
  if (problem.kind === 'malformed') {
    return `${label} has braces Portside cannot read near "${problem.found}": write a placeholder as {{name}} with two braces on each side, or remove the braces. Known placeholders: ${knownList()}.`;
  }
  const hint = problem.suggestion ? ` Did you mean {{${problem.suggestion}}}?` : '';
  return `${label} uses {{${problem.found}}}, which is not a placeholder Portside knows.${hint} Known placeholders: ${knownList()}.`;
}

/** One vehicle as the stage table shows it. */
export interface TemplateVehicle {
  vin: string;
  make: string;
  model: string;
  year: number;
  stage: ImportStage;
  /** The day it reached that stage (YYYY-MM-DD, in the office's time zone), or null. */
  stageDate: string | null;
}

/** Everything a template may show; null where the value is not known (it renders as a dash). */
export interface TemplateRenderContext {
  customer: { name: string; company: string | null } | null;
  order: {
    number: string;
    status: OrderStatus;
    value: number;
    currency: Currency;
    balanceDue: number | null;
    /** YYYY-MM-DD or null. */
    eta: string | null;
    /** 0..1 */
    progress: number;
  } | null;
  vehicles: TemplateVehicle[];
  csr: { name: string } | null;
  /** YYYY-MM-DD in the office's time zone. */
  today: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-05" -> "5 Mar 2026": a form no reader in any country takes for another day. */
export function formatTemplateDate(date: string | null): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) return MISSING_VALUE;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/**
 * The vehicles as a plain-text table whose columns line up in a fixed-width e-mail or SMS view:
 * VIN, vehicle (make model year), stage, since. Code units are counted, which is right for VINs
 * and Latin names; wide characters (a make written in kana) may shift a column by a little.
 */
export function formatStageTable(vehicles: readonly TemplateVehicle[]): string {
  if (vehicles.length === 0) return MISSING_VALUE;
  const header = ['VIN', 'Vehicle', 'Stage', 'Since'];
  const rows = vehicles.map((v) => [v.vin, `${v.make} ${v.model} ${v.year}`, STAGE_LABELS[v.stage], formatTemplateDate(v.stageDate)]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const orText = (value: string | null | undefined): string =>
  value === null || value === undefined || value === '' ? MISSING_VALUE : value;

/** The text one placeholder stands for in this context. */
export function placeholderValue(name: PlaceholderName, ctx: TemplateRenderContext): string {
  const { order } = ctx;
  switch (name) {
    case 'customer.name':
      return orText(ctx.customer?.name);
    case 'customer.company':
      return orText(ctx.customer?.company);
    case 'order.number':
      return orText(order?.number);
    case 'order.status':
      return orText(order?.status);
    case 'order.value':
      return order ? formatMoney(order.value, order.currency) : MISSING_VALUE;
    case 'order.balanceDue':
      return order && order.balanceDue !== null ? formatMoney(order.balanceDue, order.currency) : MISSING_VALUE;
    case 'order.eta':
      return formatTemplateDate(order?.eta ?? null);
    case 'order.progress':
      return order ? `${Math.round(order.progress * 100)}%` : MISSING_VALUE;
    case 'vehicles.stageTable':
      return formatStageTable(ctx.vehicles);
    case 'csr.name':
      return orText(ctx.csr?.name);
    case 'today':
      return formatTemplateDate(ctx.today);
  }
}

/** Renders text: each known placeholder replaced by its value, everything else (even a malformed brace) kept as written. */
export function renderTemplateText(text: string, ctx: TemplateRenderContext): string {
  return parseTemplate(text)
    .parts.map((part) => (part.kind === 'text' ? part.text : placeholderValue(part.name, ctx)))
    .join('');
}

export interface RenderedMessage {
  subject: string;
  body: string;
  /** Known placeholders used by subject and body, each once. */
  placeholders: PlaceholderName[];
}

/** Pure: (template, context) -> the message. A missing subject renders as empty text (SMS, WhatsApp). */
export function renderTemplate(template: { subject: string | null; body: string }, ctx: TemplateRenderContext): RenderedMessage {
  const subject = template.subject ?? '';
  const placeholders = [...parseTemplate(subject).placeholders];
  for (const name of parseTemplate(template.body).placeholders) if (!placeholders.includes(name)) placeholders.push(name);
  return { subject: renderTemplateText(subject, ctx), body: renderTemplateText(template.body, ctx), placeholders };
}
