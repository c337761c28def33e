// Post-commit change notifications: the HTTP transport turns them into SSE, Electron into IPC events.
import { EventEmitter } from 'node:events';

export interface ChangeEvent {
  entity: 'order' | 'vehicle' | 'customer' | 'template';
  id: string;
  /** The operation or rule that changed it, e.g. "orders.addVehicle". */
  cause: string;
  /** Short text for a notification, e.g. "PS-2026-00042 is now In Progress". */
  summary?: string;
}

export class ChangeEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit(events: readonly ChangeEvent[]): void {
    for (const event of events) this.emitter.emit('change', event);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
