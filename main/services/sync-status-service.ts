// This device's sync state for `GET /sync/status` and the app frame's pill: outbox counts plus what the loop last recorded.
import type { SyncStatus } from '../../core/domain/sync-status';
import type { Repos } from '../db/repos';

export class SyncStatusService {
  constructor(
    private readonly repos: Pick<Repos, 'outbox' | 'syncState' | 'syncConflicts'>,
    private readonly mode: SyncStatus['mode'],
  ) {}

  status(): SyncStatus {
    const counts = this.repos.outbox.counts();
    const state = this.repos.syncState.read();
    return {
      mode: this.mode,
      online: state.online,
      pending: counts.pending,
      parked: counts.parked,
      // Open conflicts a person resolves, plus change sets parked as conflicts the merge step has not reached yet.
      conflicts: this.repos.syncConflicts.countOpen() + counts.conflict,
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      progress: state.progress,
      bootstrapped: this.mode === 'local' || state.bootstrapped,
      ...(this.mode === 'cloud' && state.waiting !== null ? { waiting: state.waiting } : {}),
    };
  }
}
