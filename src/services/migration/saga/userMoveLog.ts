import type { BlobAppendLog } from '../../storage/blobAppendLog.js';

/**
 * Who a migration is about to move, written before the license update that moves them: a roll back
 * moves back exactly these users (not, say, someone who held E3 before the migration), with the E4
 * service plans they had disabled.
 */
export interface UserMoveIntent {
  id: string;
  userPrincipalName: string;
  /** E4 service plan ids that were disabled for this user, restored as such by a roll back. */
  disabledE4PlanIds: string[];
}

function keyOf(migrationId: string, round: number): string {
  return `moves/${migrationId}/${round}.log`;
}

export class UserMoveLog {
  constructor(private readonly log: BlobAppendLog) {}

  async record(migrationId: string, round: number, intents: readonly UserMoveIntent[]): Promise<void> {
    await this.log.append(
      keyOf(migrationId, round),
      intents.map((intent) => JSON.stringify(intent)),
    );
  }

  /** A writer that groups one round's intents as they arrive (see `UserMoveLogWriter`). */
  writer(migrationId: string, round: number, group = { maxLines: 50, maxWaitMs: 200 }): UserMoveLogWriter {
    return new UserMoveLogWriter(this.log, keyOf(migrationId, round), group.maxLines, group.maxWaitMs);
  }

  /** Every user any round meant to move, once each (the first line wins: it saw the user before anything changed). */
  async intents(migrationId: string): Promise<UserMoveIntent[]> {
    const byId = new Map<string, UserMoveIntent>();
    for await (const key of this.log.keys(`moves/${migrationId}/`)) {
      for (const line of await this.log.read(key)) {
        const intent = JSON.parse(line) as UserMoveIntent;
        if (!byId.has(intent.id)) byId.set(intent.id, intent);
      }
    }
    return [...byId.values()];
  }

  async remove(migrationId: string): Promise<void> {
    for await (const key of this.log.keys(`moves/${migrationId}/`)) await this.log.remove(key);
  }

  /**
   * The migrations that have a move log, or those of one customer (migration ids start with the customer
   * id in lower case): the audit erasure finds logs whose migration record is already gone.
   */
  async migrationIds(customerId?: string): Promise<string[]> {
    const ids = new Set<string>();
    const prefix = customerId === undefined ? 'moves/' : `moves/${customerId.toLowerCase()}.`;
    for await (const key of this.log.keys(prefix)) {
      const [, migrationId] = key.split('/');
      if (migrationId) ids.add(migrationId);
    }
    return [...ids];
  }
}

/**
 * Appends intents in groups while users are being read: a user's move may start as soon as their line is
 * stored, without waiting for the rest of their page. A group goes when it has `maxLines` lines or its
 * first line has waited `maxWaitMs`; groups are appended one at a time (lines stay in order) and an append
 * blob's 50,000-block limit stays far away (≥ ~10 lines per block at 50 reads/s).
 */
export class UserMoveLogWriter {
  private pending: { intent: UserMoveIntent; stored: () => void; failed: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: BlobAppendLog,
    private readonly key: string,
    private readonly maxLines: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Resolves once the intent is durably stored (rejects if its group's append failed). */
  add(intent: UserMoveIntent): Promise<void> {
    return new Promise((stored, failed) => {
      this.pending.push({ intent, stored, failed });
      if (this.pending.length >= this.maxLines) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.maxWaitMs);
    });
  }

  /** Stores what is pending now; resolves when every group so far has been appended (or failed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const group = this.pending.splice(0);
    if (group.length > 0) {
      this.writing = this.writing.then(() =>
        this.log
          .append(
            this.key,
            group.map((entry) => JSON.stringify(entry.intent)),
          )
          .then(
            () => group.forEach((entry) => entry.stored()),
            (error: unknown) => group.forEach((entry) => entry.failed(error)),
          ),
      );
    }
    return this.writing;
  }
}
