// The payment rules in core: balance maths, payment status, the schedule, refusals with the allowed amount, zero-decimal currencies.
import { describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import { parseMoney } from '../../core/domain/money';
import {
  assertPaymentAllowed,
  computePaymentSchedule,
  computePaymentTotals,
  depositAmount,
  type PaymentKind,
  type PaymentOrder,
  paymentRecordInput,
  paymentScheduleInput,
} from '../../core/domain/payment';

const NOW = '2026-11-30T10:00:00.000Z';
const order = (over: Partial<PaymentOrder> = {}): PaymentOrder => ({
  orderNumber: 'PS-2026-00042',
  status: 'Confirmed',
  orderValue: 1_000_000,
  currency: 'USD',
  orderDate: '2026-11-01T09:00:00.000Z',
  ...over,
});
const p = (kind: PaymentKind, amount: number) => ({ kind, amount });

function refusal(run: () => void): PortsideError {
  try {
    run();
  } catch (error) {
    if (error instanceof PortsideError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('computePaymentTotals', () => {
  it('is Unpaid with the whole value due when nothing was paid', () => {
    expect(computePaymentTotals(order(), [])).toEqual({ paid: 0, refunded: 0, balanceDue: 1_000_000, paymentStatus: 'Unpaid' });
  });

  it('is Deposit paid while only deposits were received, Partially paid once an instalment or balance payment arrives', () => {
    expect(computePaymentTotals(order(), [p('deposit', 100_000)])).toMatchObject({ balanceDue: 900_000, paymentStatus: 'Deposit paid' });
    expect(computePaymentTotals(order(), [p('deposit', 100_000), p('deposit', 50_000)]).paymentStatus).toBe('Deposit paid');
    expect(computePaymentTotals(order(), [p('deposit', 100_000), p('instalment', 1)]).paymentStatus).toBe('Partially paid');
    expect(computePaymentTotals(order(), [p('balance', 400_000)]).paymentStatus).toBe('Partially paid');
  });

  it('is Paid when the net paid covers the order value, whatever the kinds', () => {
    expect(computePaymentTotals(order(), [p('deposit', 100_000), p('balance', 900_000)])).toEqual({
      paid: 1_000_000,
      refunded: 0,
      balanceDue: 0,
      paymentStatus: 'Paid',
    });
    expect(computePaymentTotals(order(), [p('deposit', 1_000_000)]).paymentStatus).toBe('Paid');
  });

  it('subtracts refunds: balance due = order value - (paid - refunded); Refunded once everything went back', () => {
    const partly = computePaymentTotals(order(), [p('deposit', 100_000), p('refund', 40_000)]);
    expect(partly).toEqual({ paid: 100_000, refunded: 40_000, balanceDue: 940_000, paymentStatus: 'Deposit paid' });
    expect(computePaymentTotals(order(), [p('deposit', 100_000), p('refund', 100_000)]).paymentStatus).toBe('Refunded');
    expect(computePaymentTotals(order(), [p('balance', 1_000_000), p('refund', 1)]).paymentStatus).toBe('Partially paid');
  });

  it('owes nothing on a Cancelled order: money held shows as a negative balance (to give back)', () => {
    expect(computePaymentTotals(order({ status: 'Cancelled' }), [p('deposit', 100_000)])).toMatchObject({
      balanceDue: -100_000,
      paymentStatus: 'Deposit paid',
    });
  });

  it('goes negative when the value drops below what was paid (a vehicle removed after payment)', () => {
    expect(computePaymentTotals(order({ orderValue: 500_000 }), [p('balance', 600_000)])).toMatchObject({
      balanceDue: -100_000,
      paymentStatus: 'Paid',
    });
  });
});

describe('assertPaymentAllowed', () => {
  const totals = (paid: number, refunded = 0, value = 1_000_000) => ({ paid, refunded, balanceDue: value - (paid - refunded) });
  const input = (kind: PaymentKind, amount: number, extra: { currency?: 'USD' | 'EUR' | 'JPY'; paidAt?: string } = {}) => ({
    kind,
    amount,
    currency: extra.currency ?? ('USD' as const),
    ...(extra.paidAt ? { paidAt: extra.paidAt } : {}),
  });

  it('takes up to the balance due and refuses a cent more, naming the allowed amount', () => {
    expect(() => assertPaymentAllowed(order(), totals(100_000), input('balance', 900_000), NOW)).not.toThrow();
    const error = refusal(() => assertPaymentAllowed(order(), totals(100_000), input('balance', 900_001), NOW));
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.message).toContain('$9,000.00');
    expect(error.fields).toEqual({ amount: 'At most $9,000.00.' });
  });

  it('refuses refunds above the net paid, with the refundable amount', () => {
    const error = refusal(() => assertPaymentAllowed(order(), totals(100_000, 30_000), input('refund', 70_001), NOW));
    expect(error.message).toContain('$700.00');
    expect(refusal(() => assertPaymentAllowed(order(), totals(0), input('refund', 1), NOW)).message).toContain('Nothing has been paid');
  });

  it('refuses payments on a Cancelled order but allows refunds there', () => {
    const cancelled = order({ status: 'Cancelled' });
    const held = { paid: 100_000, refunded: 0, balanceDue: -100_000 };
    expect(refusal(() => assertPaymentAllowed(cancelled, held, input('deposit', 1), NOW)).message).toContain('Cancelled');
    expect(() => assertPaymentAllowed(cancelled, held, input('refund', 100_000), NOW)).not.toThrow();
  });

  it("refuses another currency, naming the order's", () => {
    const error = refusal(() => assertPaymentAllowed(order(), totals(0), input('deposit', 1, { currency: 'EUR' }), NOW));
    expect(error.message).toMatch(/USD.*EUR/);
    expect(error.fields).toHaveProperty('currency');
  });

  it('refuses a date beyond clock skew in the future or before the order day; allows small skew', () => {
    const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
    expect(() => assertPaymentAllowed(order(), totals(0), input('deposit', 1, { paidAt: later(60_000) }), NOW)).not.toThrow();
    expect(
      refusal(() => assertPaymentAllowed(order(), totals(0), input('deposit', 1, { paidAt: later(3_600_000) }), NOW)).fields,
    ).toHaveProperty('paidAt');
    expect(
      refusal(() => assertPaymentAllowed(order(), totals(0), input('deposit', 1, { paidAt: '2026-10-31T23:59:00.000Z' }), NOW)).fields,
    ).toHaveProperty('paidAt');
  });

  it('handles yen (no minor unit): amounts are whole yen and messages show no decimals', () => {
    const yen = order({ currency: 'JPY', orderValue: 1_500_000 });
    const error = refusal(() => assertPaymentAllowed(yen, totals(0, 0, 1_500_000), input('deposit', 1_500_001, { currency: 'JPY' }), NOW));
    expect(error.message).toContain('¥1,500,000');
    expect(error.message).not.toContain('.00');
    expect(parseMoney('150000', 'JPY')).toBe(150_000);
    expect(parseMoney('1500.5', 'JPY')).toBeNull();
    expect(parseMoney('1,234.56', 'USD')).toBe(123_456);
  });
});

describe('the payment schedule', () => {
  const scheduleOrder = (over: Partial<Parameters<typeof computePaymentSchedule>[0]> = {}) => ({
    status: 'Confirmed' as const,
    orderValue: 1_000_000,
    estimatedCompletionDate: '2027-01-15',
    anyDelivered: false,
    ...over,
  });

  it('splits the value into a deposit due at confirmation and the balance before delivery', () => {
    const schedule = computePaymentSchedule(scheduleOrder(), 0, { depositPercent: 10 }, NOW);
    expect(schedule.lines).toEqual([
      {
        part: 'deposit',
        percent: 10,
        amount: 100_000,
        due: 'at_confirmation',
        dueDate: null,
        covered: 0,
        outstanding: 100_000,
        state: 'due',
      },
      {
        part: 'balance',
        percent: 90,
        amount: 900_000,
        due: 'before_delivery',
        dueDate: '2027-01-15',
        covered: 0,
        outstanding: 900_000,
        state: 'upcoming',
      },
    ]);
  });

  it('covers the deposit first, then the balance', () => {
    const [dep, bal] = computePaymentSchedule(scheduleOrder(), 250_000, { depositPercent: 20 }, NOW).lines;
    expect(dep).toMatchObject({ amount: 200_000, covered: 200_000, outstanding: 0, state: 'paid' });
    expect(bal).toMatchObject({ amount: 800_000, covered: 50_000, outstanding: 750_000 });
  });

  it('marks the deposit upcoming on a Draft, due once Confirmed, overdue once vehicles move', () => {
    const state = (status: 'Draft' | 'Confirmed' | 'In Progress') =>
      computePaymentSchedule(scheduleOrder({ status }), 0, { depositPercent: 10 }, NOW).lines[0]?.state;
    expect([state('Draft'), state('Confirmed'), state('In Progress')]).toEqual(['upcoming', 'due', 'overdue']);
  });

  it('marks the balance overdue after its date or once a vehicle was delivered; void on a Cancelled order', () => {
    const balance = (over: Partial<Parameters<typeof computePaymentSchedule>[0]>) =>
      computePaymentSchedule(scheduleOrder(over), 0, { depositPercent: 10 }, NOW).lines[1]?.state;
    expect(balance({ estimatedCompletionDate: '2026-11-29' })).toBe('overdue');
    expect(balance({ anyDelivered: true })).toBe('overdue');
    expect(balance({ estimatedCompletionDate: null })).toBe('upcoming');
    expect(balance({ status: 'Cancelled' })).toBe('void');
  });

  it('rounds the deposit half up in exact integer arithmetic, yen and large values included', () => {
    expect(depositAmount(999, 10)).toBe(100);
    expect(depositAmount(12_345, 15)).toBe(1_852);
    expect(depositAmount(200_000_000_000_000, 33)).toBe(66_000_000_000_000);
    const yen = computePaymentSchedule(scheduleOrder({ orderValue: 1_234_567 }), 0, { depositPercent: 10 }, NOW);
    expect(yen.lines.map((l) => l.amount)).toEqual([123_457, 1_111_110]);
  });

  it('takes percentages from 0 to 100 as whole numbers only', () => {
    expect(paymentScheduleInput.safeParse({ depositPercent: 0 }).success).toBe(true);
    expect(paymentScheduleInput.safeParse({ depositPercent: 100 }).success).toBe(true);
    for (const bad of [-1, 101, 12.5, '10', null]) expect(paymentScheduleInput.safeParse({ depositPercent: bad }).success).toBe(false);
  });
});

describe('paymentRecordInput', () => {
  const valid = { id: 'order-1', kind: 'deposit', amount: 1_000, currency: 'USD', method: 'card' };
  it('takes a valid payment and refuses coercion, unknown fields and unknown choices', () => {
    expect(paymentRecordInput.safeParse(valid).success).toBe(true);
    for (const bad of [
      { ...valid, amount: '1000' },
      { ...valid, amount: 0 },
      { ...valid, amount: 1.5 },
      { ...valid, kind: 'gift' },
      { ...valid, method: 'crypto' },
      { ...valid, currency: 'usd' },
      { ...valid, extra: 1 },
      { ...valid, paidAt: '2026-02-30T10:00:00Z' },
    ]) {
      expect(paymentRecordInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
