import type { PartnerUserRef } from '../auth/models.js';
import type { Clock } from '../clock.js';
import { availableActions, type MigrationAction } from './migrationActions.js';
import type { MigrationJournal } from './migrationJournal.js';
import { isActive, type MigrationRecord } from './migrationRecord.js';

export type ControlOutcome =
  /** Applied now (the migration was resting) or recorded for the worker's next step boundary. */
  | { kind: 'done'; record: MigrationRecord; applied: 'now' | 'atNextStep' }
  | { kind: 'refused'; refusal: 'notFound' | 'mismatch' | 'notApplicable'; record?: MigrationRecord };

/**
 * A person's Pause, Resume, Retry, Cancel or Roll back (DESIGN §5). Checked against the journal as it is
 * now (`availableActions`), so a stale card can't do what no longer applies. A running migration only gets
 * a request the worker honours between steps; a resting one changes state here and goes back to a worker.
 * Resume, Retry and Roll back make the clicker the acting person: their token does the writes from then on.
 */
export class MigrationControls {
  constructor(
    private readonly deps: {
      journal: MigrationJournal;
      start(migrationId: string): Promise<void>;
      clock: Clock;
    },
  ) {}

  async act(
    request: { migrationId: string; customerId: string; action: MigrationAction },
    by: PartnerUserRef,
  ): Promise<ControlOutcome> {
    const { journal, clock } = this.deps;
    const existing = await journal.get(request.migrationId);
    if (!existing) return { kind: 'refused', refusal: 'notFound' };
    if (existing.customer.id.toLowerCase() !== request.customerId.toLowerCase()) {
      return { kind: 'refused', refusal: 'mismatch' };
    }
    let applied: 'now' | 'atNextStep' | undefined;
    const record = await journal.update(request.migrationId, (current) => {
      applied = undefined;
      const now = clock.now();
      if (!availableActions(current, now).includes(request.action)) return undefined;
      const at = now.toISOString();
      if (isActive(current.state)) {
        // The worker owns a running saga's state; it reads this at its next step boundary.
        current.control = {
          action:
            request.action === 'rollBack' ? 'rollBack' : request.action === 'cancel' ? 'cancel' : 'pause',
          by,
          at,
        };
        current.events.push(journal.event(`${request.action}Requested`, { actor: by }));
        applied = 'atNextStep';
        return current;
      }
      applied = 'now';
      switch (request.action) {
        case 'resume':
        case 'retry':
          current.state = request.action === 'retry' ? 'moving_users' : (current.resumeAt ?? 'approved');
          if (request.action === 'retry') {
            current.users.round++;
            current.users.failures = [];
          }
          current.actingUser = by;
          delete current.resumeAt;
          delete current.reason;
          current.events.push(
            journal.event(request.action === 'retry' ? 'retried' : 'resumed', { actor: by }),
          );
          return current;
        case 'cancel':
          current.state = 'cancelled';
          delete current.resumeAt;
          current.events.push(journal.event('cancelled', { actor: by }));
          return current;
        case 'rollBack':
          current.state = 'rolling_back';
          current.actingUser = by;
          delete current.resumeAt;
          delete current.reason;
          current.events.push(journal.event('rolling_back', { actor: by }));
          return current;
        case 'pause':
          return undefined;
      }
    });
    if (!applied) return { kind: 'refused', refusal: 'notApplicable', record };
    if (applied === 'now' && isActive(record.state)) await this.deps.start(record.id);
    return { kind: 'done', record, applied };
  }
}
