import {
  CardFactory,
  MessageFactory,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import pRetry, { AbortError } from 'p-retry';
import { RateLimiterMemory, RateLimiterRes, RateLimiterUnion } from 'rate-limiter-flexible';
import { ConversationUnreachableError } from '../services/errors.js';
import type { Logger } from '../services/logging/logger.js';
import type { ConversationMessenger } from '../services/notifications/conversationMessenger.js';
import type { ConversationReferenceStore } from '../services/storage/conversationReferenceStore.js';

/** Teams' per-bot, per-conversation limits (shared/reference/teams-bot-platform.md §3.5). */
export const teamsConversationLimits: readonly { points: number; seconds: number }[] = [
  { points: 7, seconds: 1 },
  { points: 8, seconds: 2 },
  { points: 60, seconds: 30 },
  { points: 1800, seconds: 3600 },
];

export interface ProactiveSenderDeps {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** The Bot Framework app id (empty in local mode, where the playground accepts anonymous calls). */
  botAppId: string;
  references: Pick<ConversationReferenceStore, 'get'>;
  logger: Logger;
  /** Attempts after the first on 429/412/502/504. Default 5. */
  retries?: number;
  /** First backoff in ms (doubling, jittered). Default 500. */
  minBackoffInMs?: number;
  limits?: readonly { points: number; seconds: number }[];
}

/** Statuses Teams asks to retry (rate limit, precondition on a busy thread, gateway hiccups). */
const retryable = new Set([412, 429, 502, 504]);
/** The bot was removed or the conversation is gone: posting there will never work again. */
const unreachable = new Set([403, 404]);

/**
 * Sends and updates cards outside a turn, through stored conversation references. Paced per
 * conversation below Teams' limits (the 429 is the backstop, not the plan) and retried with jittered
 * backoff on the statuses Teams documents as transient, honouring Retry-After.
 */
export class ProactiveSender implements ConversationMessenger {
  private readonly windows: RateLimiterMemory[];
  private readonly limiter: RateLimiterUnion;

  constructor(private readonly deps: ProactiveSenderDeps) {
    const limits = deps.limits ?? teamsConversationLimits;
    this.windows = limits.map(
      ({ points, seconds }) =>
        new RateLimiterMemory({ keyPrefix: `teams-${points}-${seconds}`, points, duration: seconds }),
    );
    this.limiter = new RateLimiterUnion(...this.windows);
  }

  async send(conversationId: string, card: object): Promise<string | undefined> {
    let id: string | undefined;
    await this.withConversation(conversationId, async (context) => {
      const response = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      id = response?.id;
    });
    return id;
  }

  async update(conversationId: string, activityId: string, card: object): Promise<void> {
    await this.withConversation(conversationId, async (context) => {
      const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      activity.id = activityId;
      await context.updateActivity(activity);
    });
  }

  private async withConversation(
    conversationId: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const stored = await this.deps.references.get(conversationId);
    if (!stored) throw new ConversationUnreachableError(conversationId, 404);
    const reference = stored.reference as Partial<ConversationReference>;
    await pRetry(
      async () => {
        await this.paced(conversationId);
        try {
          // The adapter hands errors thrown inside a turn to its onTurnError, which logs and swallows
          // them: a 403 would look like a send. So the error is carried out of the turn and thrown here.
          let failure: { error: unknown } | undefined;
          await this.deps.adapter.continueConversationAsync(
            this.deps.botAppId,
            reference,
            async (context) => {
              try {
                await logic(context);
              } catch (error) {
                failure = { error };
              }
            },
          );
          if (failure) throw failure.error;
        } catch (error) {
          const status = statusOf(error);
          if (status !== undefined && unreachable.has(status)) {
            throw new AbortError(new ConversationUnreachableError(conversationId, status, { cause: error }));
          }
          if (status === undefined || !retryable.has(status)) throw new AbortError(asError(error));
          const wait = retryAfterInMs(error);
          if (wait) await sleep(wait);
          throw asError(error);
        }
      },
      {
        retries: this.deps.retries ?? 5,
        minTimeout: this.deps.minBackoffInMs ?? 500,
        factor: 2,
        randomize: true,
        onFailedAttempt: ({ error, attemptNumber }) => {
          this.deps.logger.warn({ err: error, conversationId, attemptNumber }, 'Teams asked to retry a send');
        },
      },
    );
  }

  /** Waits until every window of the conversation's limits has room. */
  private async paced(conversationId: string): Promise<void> {
    for (;;) {
      try {
        await this.limiter.consume(conversationId);
        return;
      } catch (rejection) {
        const refused = rejection as Record<string, unknown>;
        // The union took a point in every window that had room, though nothing was sent: give those
        // back, or waiting for the 1 s window would fill the 30 s and hourly ones with sends never made.
        await Promise.all(
          this.windows
            .filter((window) => !(window.keyPrefix in refused))
            .map((window) => window.reward(conversationId, 1)),
        );
        const waits = Object.values(refused)
          .filter((value): value is RateLimiterRes => value instanceof RateLimiterRes)
          .map((result) => result.msBeforeNext);
        await sleep(Math.max(10, ...waits));
      }
    }
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterInMs(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } })
    .response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(seconds * 1000, 60_000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), 60_000);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
