// First guard on the order status machine (the full rule suite lives beside it).
import { describe, expect, it } from 'vitest';
import { nextAutoStatus, type RuleLink } from '../../core/domain/order-rules';

const link = (stage: RuleLink['stage'], status: RuleLink['status'] = 'Active'): RuleLink => ({
  vehicleId: stage,
  vin: 'ZVW30-1234567',
  status,
  stage,
  price: 100,
  etaDelivery: null,
});

describe('order status machine', () => {
  it('moves a Confirmed order to In Progress once an active vehicle is past pending', () => {
    expect(nextAutoStatus('Confirmed', [link('pending'), link('purchased')])).toBe('In Progress');
  });
  it('never auto-advances a Draft order', () => {
    expect(nextAutoStatus('Draft', [link('delivered', 'Added')])).toBe('Draft');
  });
});
