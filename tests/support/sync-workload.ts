// A device's random but reproducible day of work through the real HTTP API: orders with vehicles, stage events, edits, removals.
import { IMPORT_STAGES } from '../../core/domain/stages';
import type { Order } from '../../core/domain/order';
import { type ApiHarness, expectOk } from './api-harness';
import { createCustomer, createVehicle, createVehicles } from './fixtures';
import { pickIndex } from './seeded-random';

export type WorkloadOperation = 'createOrder' | 'notes' | 'price' | 'stage' | 'addVehicle' | 'removeVehicle' | 'customerPhone';

/** How often each operation is drawn (relative weights). */
export const DEFAULT_MIX: Record<WorkloadOperation, number> = {
  createOrder: 2,
  notes: 3,
  price: 3,
  stage: 4,
  addVehicle: 1,
  removeVehicle: 1,
  customerPhone: 1,
};

/** Stages a workload moves vehicles through (stopping before delivery keeps every vehicle removable). */
const WORKLOAD_STAGES = IMPORT_STAGES.slice(1, 6);

/** Tracks what the device made, so each next edit targets a record that exists and passes the rules. */
export class DeviceWorkload {
  readonly orderIds: string[] = [];
  readonly customerIds: string[] = [];
  /** Stage index reached per vehicle (0 = pending). */
  private readonly stageOf = new Map<string, number>();
  /** Orders as the last call that returned them left them (a stage event changes its order unseen: it drops the entry). */
  private readonly known = new Map<string, Order>();
  private edits = 0;

  constructor(
    private readonly api: ApiHarness,
    private readonly random: () => number,
    private readonly mix: Record<WorkloadOperation, number> = DEFAULT_MIX,
  ) {}

  /** A customer and an order of `vehicles` new vehicles: the orders later edits work on. */
  async createOrder(vehicles = 2 + pickIndex(this.random, 3)): Promise<Order> {
    const customer = await createCustomer(this.api, { name: `Customer ${this.customerIds.length + 1}` });
    this.customerIds.push(customer.id);
    const made = await createVehicles(this.api, vehicles);
    for (const v of made) this.stageOf.set(v.id, 0);
    const order = expectOk(
      await this.api.call<Order>('POST', '/orders', {
        customerId: customer.id,
        currency: 'USD',
        vehicles: made.map((v, i) => ({ vehicleId: v.id, price: 1_000_000 + i * 1_000 })),
      }),
      201,
    );
    this.orderIds.push(order.id);
    this.known.set(order.id, order);
    return order;
  }

  /** Performs `count` operations drawn from the mix; returns how many change sets they queued. */
  async run(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await this.step();
  }

  private draw(): WorkloadOperation {
    const entries = Object.entries(this.mix) as [WorkloadOperation, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.random() * total;
    for (const [op, weight] of entries) {
      roll -= weight;
      if (roll < 0) return op;
    }
    return 'notes';
  }

  private async order(): Promise<Order> {
    const id = this.orderIds[pickIndex(this.random, this.orderIds.length)] ?? '';
    return this.known.get(id) ?? expectOk(await this.api.call<Order>('GET', `/orders/${id}`));
  }

  private remember(order: Order): void {
    this.known.set(order.id, order);
  }

  /** One operation; an operation with nothing to act on (no vehicle left to move) falls back to a notes edit. */
  async step(op: WorkloadOperation = this.draw()): Promise<void> {
    if (this.orderIds.length === 0 || op === 'createOrder') {
      await this.createOrder();
      return;
    }
    this.edits += 1;
    const order = await this.order();
    const active = order.vehicles.filter((v) => v.status !== 'Removed');
    const vehicle = active[pickIndex(this.random, active.length)];
    if (op === 'price' && vehicle) {
      const price = 500_000 + pickIndex(this.random, 1_000_000);
      this.remember(
        expectOk(await this.api.call<Order>('PUT', `/orders/${order.id}/vehicles/${vehicle.vehicleId}`, { version: order.version, price })),
      );
    } else if (op === 'stage' && vehicle && (this.stageOf.get(vehicle.vehicleId) ?? 0) < WORKLOAD_STAGES.length) {
      const next = (this.stageOf.get(vehicle.vehicleId) ?? 0) + 1;
      expectOk(await this.api.call('POST', `/vehicles/${vehicle.vehicleId}/stages`, { stage: WORKLOAD_STAGES[next - 1] }), 201);
      this.stageOf.set(vehicle.vehicleId, next);
      this.known.delete(order.id);
    } else if (op === 'addVehicle') {
      const added = await createVehicle(this.api);
      this.stageOf.set(added.id, 0);
      this.remember(
        expectOk(
          await this.api.call<Order>('POST', `/orders/${order.id}/vehicles`, {
            version: order.version,
            vehicleId: added.id,
            price: 900_000,
          }),
          201,
        ),
      );
    } else if (op === 'removeVehicle' && vehicle && active.length > 1) {
      this.remember(
        expectOk(
          await this.api.call<Order>(
            'DELETE',
            `/orders/${order.id}/vehicles/${vehicle.vehicleId}?version=${order.version}&reason=Customer%20changed%20mind`,
          ),
        ),
      );
    } else if (op === 'customerPhone') {
      const customerId = order.customerId ?? this.customerIds[0] ?? '';
      const customer = expectOk(await this.api.call<{ version: number }>('GET', `/customers/${customerId}`));
      const phone = `+64 21 555 ${String(1000 + pickIndex(this.random, 9000))}`;
      expectOk(await this.api.call('PUT', `/customers/${customerId}`, { version: customer.version, phone }));
    } else {
      this.remember(
        expectOk(
          await this.api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, notes: `Edit ${this.edits} of order.` }),
        ),
      );
    }
  }
}
