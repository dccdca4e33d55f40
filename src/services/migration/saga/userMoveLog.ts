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

export class UserMoveLog {
  constructor(private readonly log: BlobAppendLog) {}

  async record(migrationId: string, round: number, intents: readonly UserMoveIntent[]): Promise<void> {
    await this.log.append(
      `moves/${migrationId}/${round}.log`,
      intents.map((intent) => JSON.stringify(intent)),
    );
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
}
