// The sync loop's push step: one pushPending pass with progress, waiting retries made due after a fault, and the fault that stopped it.
import type { PushStepResult, StepContext } from './engine';
import type { LocalStore } from './local-store';
import { type PushClient, type PushOptions, pushPending } from './push';

/** The outbox as the loop sees it: push's store, plus making retry delays due (main/db/repos/outbox-repo.ts). */
export interface LoopOutbox extends LocalStore {
  clearRetryDelays(): number;
}

/**
 * Remembers the error of the client's latest call (cleared by a call that succeeds): when push
 * stops early for a retry, that is the fault that stopped it, with its name and HTTP status, which
 * the loop needs to tell "offline" from "throttled" (push keeps only its text).
 */
function observingClient(client: PushClient): { client: PushClient; lastError: () => unknown } {
  let last: unknown = null;
  const observe = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      last = null;
      return result;
    } catch (error) {
      last = error;
      throw error;
    }
  };
  return {
    client: {
      transactWrite: (input) => observe(() => client.transactWrite(input)),
      getItems: (table, keys) => observe(() => client.getItems(table, keys)),
    },
    lastError: () => last,
  };
}

/** Counts change sets as they reach the table, for the progress bar. */
function countingStore(store: LoopOutbox, onPushed: () => void): LocalStore {
  return {
    pendingChangeSets: (limit, afterSeq) => store.pendingChangeSets(limit, afterSeq),
    parkedChangeSets: () => store.parkedChangeSets(),
    markPushed: (id) => {
      store.markPushed(id);
      onPushed();
    },
    park: (id, park) => store.park(id, park),
    scheduleRetry: (id, failure) => store.scheduleRetry(id, failure),
    hasPendingChange: (entity, key) => store.hasPendingChange(entity, key),
    pendingKeys: (entity, keys) => store.pendingKeys(entity, keys),
    outboxCounts: () => store.outboxCounts(),
  };
}

export function pushStep(
  options: Omit<PushOptions, 'store' | 'client'> & { client: PushClient; store: LoopOutbox },
): (context: StepContext) => Promise<PushStepResult> {
  return async (context) => {
    if (context.retryWaiting) options.store.clearRetryDelays();
    const total = options.store.outboxCounts().pending;
    if (total === 0) return { pushed: 0, failure: null };
    let done = 0;
    context.progress({ phase: 'pushing', done, total });
    const observed = observingClient(options.client);
    const result = await pushPending({
      ...options,
      client: observed.client,
      store: countingStore(options.store, () => {
        done += 1;
        context.progress({ phase: 'pushing', done, total });
      }),
    });
    // stoppedEarly with an error: a call failed for a reason that is not this change set's (throttling, 5xx, network).
    const failure = result.stoppedEarly && result.lastError !== null ? (observed.lastError() ?? new Error(result.lastError)) : null;
    return { pushed: result.pushed, failure };
  };
}
