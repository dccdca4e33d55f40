import type { Clock } from '../services/clock.js';
import type { Logger } from '../services/logging/logger.js';
import type { MigrationRecord, MigrationState } from '../services/migration/migrationRecord.js';
import type { MigrationObserver } from '../services/migration/saga/migrationSaga.js';
import type { ConversationMessenger } from '../services/notifications/conversationMessenger.js';
import { directMessage } from './approvalFlow.js';
import { noteCard, progressCardOf } from './migrationCards.js';
import { buildSignInToResumeCard, reasonText } from '../cards/index.js';

/** The requester hears about these (DESIGN §5): paused, completed, failed, rolled back. */
const notifiedStates: readonly MigrationState[] = ['paused', 'completed', 'failed', 'rolled_back'];

/**
 * Keeps every migration's progress card current for everyone (`updateActivity`) as the saga runs:
 * at once when the state changes, otherwise at most once per interval with the latest numbers (Teams
 * limits how often a message may be edited). Tells the requester when a migration rests.
 */
export class ProgressReporter implements MigrationObserver {
  private readonly shown = new Map<
    string,
    { state: MigrationState; at: number; timer?: NodeJS.Timeout; latest?: MigrationRecord }
  >();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      messenger: ConversationMessenger;
      clock: Clock;
      logger: Logger;
      intervalInMs: number;
    },
  ) {}

  changed(record: MigrationRecord): void {
    const seen = this.shown.get(record.id);
    const now = Date.now();
    if (!seen || seen.state !== record.state) {
      if (seen?.timer) clearTimeout(seen.timer);
      this.shown.set(record.id, { state: record.state, at: now });
      this.track(this.show(record));
      if (notifiedStates.includes(record.state)) this.track(this.notify(record));
      return;
    }
    seen.latest = record;
    if (seen.timer) return;
    const wait = Math.max(0, seen.at + this.deps.intervalInMs - now);
    seen.timer = setTimeout(() => {
      seen.timer = undefined;
      seen.at = Date.now();
      if (seen.latest) this.track(this.show(seen.latest));
    }, wait);
    seen.timer.unref();
  }

  /** Waits for the updates already started (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async show(record: MigrationRecord): Promise<void> {
    const location = record.progressCard;
    if (!location) return;
    try {
      await this.deps.messenger.update(
        location.conversationId,
        location.activityId,
        progressCardOf(record, this.deps.clock.now()),
      );
    } catch (error) {
      this.deps.logger.warn({ err: error, migrationId: record.id }, 'progress card update failed');
    }
  }

  private async notify(record: MigrationRecord): Promise<void> {
    if (record.state === 'paused' && record.reason?.code === 'needsSignIn') {
      // The person whose sign-in is needed is asked directly; the requester still hears it paused.
      await this.askToSignIn(record);
      if (record.actingUser.oid === record.requester.oid) return;
    }
    const customer = record.customer.companyName;
    await directMessage(
      this.deps.messenger,
      this.deps.logger,
      record.requester.oid,
      record.requestConversationId,
      (text) => {
        const reason = reasonText(text, record) ?? '';
        const message =
          record.state === 'completed'
            ? text.t('notify.completed.text', { customer, moved: text.number(record.users.moved) })
            : record.state === 'rolled_back'
              ? text.t('notify.rolledBack.text', { customer })
              : record.state === 'failed'
                ? text.t('notify.failed.text', { customer, reason })
                : text.t('notify.paused.text', { customer, reason });
        return noteCard(text.t('notify.title'), message, record.state === 'completed' ? 'info' : 'warning');
      },
      record.language,
    );
  }

  private async askToSignIn(record: MigrationRecord): Promise<void> {
    await directMessage(
      this.deps.messenger,
      this.deps.logger,
      record.actingUser.oid,
      record.progressCard?.conversationId ?? record.requestConversationId,
      (text) => buildSignInToResumeCard({ migration: record }, text),
      record.language,
    );
  }
}
