// The placeholder language: strict parsing with suggestions, pure rendering with money, dates, dashes and an aligned stage table.
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../core/api/validation';
import { PortsideError } from '../../core/api/errors';
import { templateCreateInput, templateKeyFromName, templateUpdateInput } from '../../core/domain/message-template';
import {
  formatStageTable,
  MISSING_VALUE,
  parseTemplate,
  PLACEHOLDER_NAMES,
  renderTemplate,
  suggestPlaceholder,
  type TemplateRenderContext,
} from '../../core/domain/templates';

const context = (over: Partial<TemplateRenderContext> = {}): TemplateRenderContext => ({
  customer: { name: 'Aroha Ngata', company: 'Ngata Motors' },
  order: {
    number: 'PS-2026-00042',
    status: 'In Progress',
    value: 2_450_000,
    currency: 'USD',
    balanceDue: 1_200_050,
    eta: '2027-03-05',
    progress: 0.456,
  },
  vehicles: [
    { vin: 'JTDKB20U093123456', make: 'Toyota', model: 'Prius', year: 2019, stage: 'in_transit', stageDate: '2026-11-02' },
    { vin: 'ZVW30-1234567', make: 'Toyota', model: 'Land Cruiser', year: 2021, stage: 'customs_cleared', stageDate: '2026-11-28' },
  ],
  csr: { name: 'Casey Morgan' },
  today: '2026-11-30',
  ...over,
});

const refusal = (fn: () => unknown): PortsideError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof PortsideError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('parsing a template', () => {
  it('splits text and known placeholders, spaces inside the braces allowed, each placeholder listed once', () => {
    const parsed = parseTemplate('Dear {{customer.name}}, order {{ order.number }} ({{order.number}})');
    expect(parsed.problems).toEqual([]);
    expect(parsed.placeholders).toEqual(['customer.name', 'order.number']);
    expect(parsed.parts).toEqual([
      { kind: 'text', text: 'Dear ' },
      { kind: 'placeholder', name: 'customer.name' },
      { kind: 'text', text: ', order ' },
      { kind: 'placeholder', name: 'order.number' },
      { kind: 'text', text: ' (' },
      { kind: 'placeholder', name: 'order.number' },
      { kind: 'text', text: ')' },
    ]);
  });

  it('reports an unknown placeholder with the known one it most likely meant', () => {
    expect(parseTemplate('Order {{order.numbr}}').problems).toEqual([
      { kind: 'unknown', found: 'order.numbr', suggestion: 'order.number', index: 6 },
    ]);
    expect(suggestPlaceholder('order_number')).toBe('order.number');
    expect(suggestPlaceholder('balanceDue')).toBe('order.balanceDue');
    expect(suggestPlaceholder('customer.nmae')).toBe('customer.name');
    expect(suggestPlaceholder('favourite.colour')).toBeNull();
  });

  it.each([
    ['an unclosed placeholder', 'Dear {{customer.name'],
    ['a stray closing pair', 'Dear customer.name}}'],
    ['triple braces', 'Dear {{{customer.name}}}'],
    ['empty braces', 'Dear {{}}'],
    ['a placeholder opened twice', 'Dear {{customer.{{name}}'],
  ])('reports %s as malformed', (_title, text) => {
    expect(parseTemplate(text).problems.map((p) => p.kind)).toContain('malformed');
  });

  it('leaves single braces alone: they are ordinary text', () => {
    expect(parseTemplate('Price {in USD} {x}').problems).toEqual([]);
  });
});

describe('saving a template refuses what it cannot render, naming the field', () => {
  it('refuses an unknown placeholder in the body with a suggestion and the list of known ones', () => {
    const error = refusal(() => parseInput(templateCreateInput, { name: 'Reminder', body: 'Order {{order.numbr}} is late.' }));
    expect(error.code).toBe('VALIDATION');
    const message = error.fields?.body ?? '';
    expect(message).toContain('{{order.numbr}}');
    expect(message).toContain('Did you mean {{order.number}}?');
    for (const name of PLACEHOLDER_NAMES) expect(message).toContain(`{{${name}}}`);
  });

  it('refuses malformed braces in the subject of an update, naming subject', () => {
    const error = refusal(() => parseInput(templateUpdateInput, { id: 't-1', version: 1, subject: 'Order {{order.number' }));
    expect(Object.keys(error.fields ?? {})).toEqual(['subject']);
    expect(error.fields?.subject).toMatch(/^Subject has braces Portside cannot read/);
  });

  it('accepts every known placeholder', () => {
    const body = PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join(' ');
    expect(parseInput(templateCreateInput, { name: 'All', body })).toMatchObject({ channel: 'any', body });
  });

  it('makes a custom key from the name', () => {
    expect(templateKeyFromName('Deposit received!')).toBe('deposit_received');
    expect(templateKeyFromName('2nd reminder')).toBe('custom_2nd_reminder');
  });
});

describe('rendering', () => {
  it('fills every placeholder: money in the order currency, dates as "5 Mar 2027", progress in percent', () => {
    const body = PLACEHOLDER_NAMES.filter((n) => n !== 'vehicles.stageTable')
      .map((n) => `${n}=[{{${n}}}]`)
      .join('\n');
    const out = renderTemplate({ subject: 'Order {{order.number}}', body }, context());
    expect(out.subject).toBe('Order PS-2026-00042');
    expect(out.body.split('\n')).toEqual([
      'customer.name=[Aroha Ngata]',
      'customer.company=[Ngata Motors]',
      'order.number=[PS-2026-00042]',
      'order.status=[In Progress]',
      'order.value=[$24,500.00]',
      'order.balanceDue=[$12,000.50]',
      'order.eta=[5 Mar 2027]',
      'order.progress=[46%]',
      'csr.name=[Casey Morgan]',
      'today=[30 Nov 2026]',
    ]);
    expect(out.placeholders).toEqual([
      'order.number',
      ...PLACEHOLDER_NAMES.filter((n) => n !== 'vehicles.stageTable' && n !== 'order.number'),
    ]);
  });

  it('formats yen without decimals', () => {
    const order = { ...(context().order ?? ({} as never)), value: 3_450_000, balanceDue: 1_000_000, currency: 'JPY' as const };
    const out = renderTemplate({ subject: null, body: '{{order.value}} / {{order.balanceDue}}' }, context({ order }));
    expect(out.body).toBe('¥3,450,000 / ¥1,000,000');
    expect(out.subject).toBe('');
  });

  it('renders missing values as a dash, never "undefined" or "null"', () => {
    const body = PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join('|');
    const out = renderTemplate({ subject: null, body }, context({ customer: null, order: null, vehicles: [], csr: null }));
    expect(out.body).toBe([...PLACEHOLDER_NAMES.slice(0, -1).map(() => MISSING_VALUE), '30 Nov 2026'].join('|'));
    const partly = renderTemplate(
      { subject: null, body: '{{customer.company}} {{order.eta}} {{order.balanceDue}}' },
      context({
        customer: { name: 'Aroha', company: null },
        order: { ...(context().order ?? ({} as never)), eta: null, balanceDue: null },
      }),
    );
    expect(partly.body).toBe(`${MISSING_VALUE} ${MISSING_VALUE} ${MISSING_VALUE}`);
    expect(out.body).not.toMatch(/undefined|null|NaN/);
  });

  it('inserts values as text once: a customer named like a placeholder or like markup stays as written', () => {
    const out = renderTemplate(
      { subject: null, body: 'Dear {{customer.name}}' },
      context({ customer: { name: '{{order.value}} <b>Bold</b>', company: null } }),
    );
    expect(out.body).toBe('Dear {{order.value}} <b>Bold</b>');
  });

  it('lines the stage table up in columns: VIN, vehicle, stage, since', () => {
    const table = formatStageTable(context().vehicles);
    expect(table.split('\n')).toEqual([
      'VIN                Vehicle                   Stage            Since',
      '-----------------  ------------------------  ---------------  -----------',
      'JTDKB20U093123456  Toyota Prius 2019         In transit       2 Nov 2026',
      'ZVW30-1234567      Toyota Land Cruiser 2021  Customs cleared  28 Nov 2026',
    ]);
    const lines = table.split('\n');
    for (const column of ['Vehicle', 'Stage', 'Since']) {
      const at = lines[0]?.indexOf(column) ?? -1;
      for (const line of lines.slice(2)) expect(line[at - 1]).toBe(' ');
      for (const line of lines.slice(2)) expect(line[at]).not.toBe(' ');
    }
  });

  it('shows a vehicle that has no stage date yet with a dash', () => {
    const [first] = context().vehicles;
    if (!first) throw new Error('fixture');
    expect(formatStageTable([{ ...first, stage: 'pending', stageDate: null }]).split('\n')[2]).toBe(
      `JTDKB20U093123456  Toyota Prius 2019  Pending  ${MISSING_VALUE}`,
    );
  });
});
