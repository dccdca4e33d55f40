import type { Language } from '../i18n/language.js';
import type { JsonDocuments } from '../storage/jsonDocuments.js';
import type { ReminderReason } from './reminderRules.js';
import { channelKey } from './reminderSubscriptionStore.js';

/** What recording one reminder needs: the subscription, the lead time it is for and why it went out. */
export interface ReminderRecord {
  customerId: string;
  subscriptionId: string;
  leadDays: number;
  reason: ReminderReason;
  /** Recorded in the channel's lead times done before the card is sent. */
  leadDaysDone: number[];
}

/** One subscription on a reminder card, as it was when the scan found it. */
export interface ReminderItem extends ReminderRecord {
  customerName: string;
  offerName: string;
  friendlyName: string;
  /** `quantity`: app-only tokens can't read assigned licenses (DESIGN §7). */
  seats: number;
  /** The last calendar day with service (`YYYY-MM-DD`), from the end-date rule (§11). */
  lastServiceDay: string;
  /** The instant service stops (ISO), so days left are counted from whenever the card is drawn. */
  serviceEndsAt: string;
}

/**
 * A channel's reminders from one scan: one card (DESIGN §7). Written before anything is sent ("due"),
 * marked "sent" with the message id after, so a scan that crashed in between is finished by the next
 * run instead of lost or repeated; the message id lets Snooze and Assign redraw the card for everyone.
 */
export interface ReminderDigest {
  /** Derived from the scan (`scanId`), so a resumed scan finds the digest it already wrote. */
  id: string;
  channelId: string;
  scanId: string;
  createdAt: string;
  language: Language;
  /** The subscriptions the card lists with their buttons (up to `reminderCardRows`), soonest end first. */
  items: ReminderItem[];
  /**
   * The rest of this scan's reminders for the channel, which the card only counts, soonest end first:
   * kept to what recording them needs, so a first scan that finds thousands stores and holds a few
   * hundred kilobytes, not megabytes. (Digests written before it existed list everything in `items`.)
   */
  counted?: ReminderRecord[];
  state: 'due' | 'sent' | 'dropped';
  activityId?: string;
  sentAt?: string;
}

/** Every reminder of the digest, listed on the card or only counted, soonest end first. */
export function remindersOf(digest: Pick<ReminderDigest, 'items' | 'counted'>): ReminderRecord[] {
  return [...digest.items, ...(digest.counted ?? [])];
}

/** The outbox marker of a digest still to send: listing these is how a run finds unfinished work. */
interface OutboxEntry {
  channelId: string;
  digestId: string;
}

const digestPrefix = 'reminders/digests/';
const outboxPrefix = 'reminders/outbox/';

export class ReminderDigestStore {
  constructor(
    private readonly digests: JsonDocuments<ReminderDigest>,
    private readonly outbox: JsonDocuments<OutboxEntry>,
  ) {}

  /**
   * Records a due digest and puts it in the outbox. Create-only: when the scan already wrote this
   * channel's digest (a resumed run), the stored one is returned and nothing changes.
   */
  async create(digest: ReminderDigest): Promise<{ created: boolean; digest: ReminderDigest }> {
    const key = digestKey(digest.channelId, digest.id);
    const existing = await this.digests.read(key);
    if (existing) return { created: false, digest: existing.value };
    // The outbox entry first: a crash between the two writes leaves an entry whose digest is missing,
    // which `pending` skips, never a due digest nobody will send.
    await this.outbox.write(
      outboxKey(digest.channelId, digest.id),
      { channelId: digest.channelId, digestId: digest.id },
      {
        unconditional: true,
      },
    );
    try {
      await this.digests.write(key, digest, { ifNoneExists: true });
      return { created: true, digest };
    } catch (error) {
      const raced = await this.digests.read(key);
      if (raced) return { created: false, digest: raced.value };
      throw error;
    }
  }

  async get(channelId: string, digestId: string): Promise<ReminderDigest | undefined> {
    return (await this.digests.read(digestKey(channelId, digestId)))?.value;
  }

  /** Digests in the outbox that are still due, oldest scan first. */
  async pending(): Promise<ReminderDigest[]> {
    const found: ReminderDigest[] = [];
    for await (const key of this.outbox.keys(outboxPrefix)) {
      const entry = (await this.outbox.read(key))?.value;
      const digest = entry && (await this.get(entry.channelId, entry.digestId));
      if (digest?.state === 'due') found.push(digest);
      else await this.outbox.remove(key);
    }
    return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Marks the digest sent (or dropped, when the channel is gone) and takes it out of the outbox. */
  async finish(
    digest: ReminderDigest,
    outcome: { state: 'sent'; activityId: string | undefined; at: string } | { state: 'dropped'; at: string },
  ): Promise<void> {
    await this.digests.update(digestKey(digest.channelId, digest.id), (current) => ({
      ...current,
      state: outcome.state,
      ...(outcome.state === 'sent' && outcome.activityId ? { activityId: outcome.activityId } : {}),
      sentAt: outcome.at,
    }));
    await this.outbox.remove(outboxKey(digest.channelId, digest.id));
  }
}

function digestKey(channelId: string, digestId: string): string {
  return `${digestPrefix}${channelKey(channelId)}/${digestId}.json`;
}

function outboxKey(channelId: string, digestId: string): string {
  return `${outboxPrefix}${channelKey(channelId)}.${digestId}.json`;
}
