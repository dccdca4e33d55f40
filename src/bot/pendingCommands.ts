import type { StatePropertyAccessor, TurnContext } from 'botbuilder';

/** A typed command that waits for its sender to sign in. */
export interface PendingCommand {
  /** What the person typed, as they typed it. */
  text: string;
  /** The sender as Teams named them (their Teams id is needed to answer as in their own turn). */
  from: { id: string; name?: string; aadObjectId: string };
  locale?: string;
  /** When the sign-in card was sent (ISO 8601). */
  at: string;
}

/** Pending commands of one conversation, by the sender's Entra object id. */
export type PendingCommandsState = Record<string, PendingCommand>;

/** A command older than this is not continued: the person has moved on, or forgot what they asked. */
export const PENDING_COMMAND_LIFETIME_IN_MS = 15 * 60 * 1000;

/** People per conversation with a command waiting (a busy channel): the oldest go first. */
export const MAX_PENDING_PER_CONVERSATION = 20;

/**
 * What each person asked before the bot answered with a sign-in card, per conversation, so that after
 * signing in they need not type it again (issue #6). Kept in conversation state (Azure Blob, any
 * instance can continue it), bounded per conversation and short-lived; one command per person (a newer
 * one replaces it) and taken once.
 */
export class PendingCommands {
  constructor(
    private readonly property: StatePropertyAccessor<PendingCommandsState | undefined>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Keeps the person's command (replacing an older one of theirs), stamped with the time. */
  async remember(context: TurnContext, command: Omit<PendingCommand, 'at'>): Promise<void> {
    const kept = this.fresh(await this.property.get(context));
    kept[command.from.aadObjectId] = { ...command, at: this.now().toISOString() };
    const newestFirst = Object.entries(kept).sort(([, a], [, b]) => b.at.localeCompare(a.at));
    await this.property.set(context, Object.fromEntries(newestFirst.slice(0, MAX_PENDING_PER_CONVERSATION)));
  }

  /** The person's pending command, removed; `undefined` when there is none or it is too old. */
  async take(context: TurnContext, oid: string): Promise<PendingCommand | undefined> {
    const stored = await this.property.get(context);
    if (!stored) return undefined;
    const kept = this.fresh(stored);
    const command = kept[oid];
    delete kept[oid];
    await this.property.set(context, kept);
    return command;
  }

  private fresh(stored: PendingCommandsState | undefined): PendingCommandsState {
    const oldest = this.now().getTime() - PENDING_COMMAND_LIFETIME_IN_MS;
    return Object.fromEntries(
      Object.entries(stored ?? {}).filter(([, command]) => Date.parse(command.at) > oldest),
    );
  }
}
