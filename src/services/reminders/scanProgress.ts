import type { JsonDocuments } from '../storage/jsonDocuments.js';

/**
 * Which scheduled slot was last scanned to the end. Written only by the instance holding the scan
 * lease; an instance that finds the latest slot not completed (it was missed, or the scan crashed)
 * scans it, and a slot already completed is not scanned again by another instance's timer.
 */
export interface ScanProgress {
  lastCompletedSlot?: string;
  lastStartedSlot?: string;
  startedAt?: string;
  completedAt?: string;
}

const key = 'reminders/scan-progress.json';

export class ScanProgressStore {
  constructor(private readonly documents: JsonDocuments<ScanProgress>) {}

  async get(): Promise<ScanProgress> {
    return (await this.documents.read(key))?.value ?? {};
  }

  /** Whether `slot` (an ISO instant) is completed: slots sort as text. */
  async isCompleted(slot: string): Promise<boolean> {
    const { lastCompletedSlot } = await this.get();
    return lastCompletedSlot !== undefined && lastCompletedSlot >= slot;
  }

  async started(slot: string, at: Date): Promise<void> {
    await this.documents.write(
      key,
      { ...(await this.get()), lastStartedSlot: slot, startedAt: at.toISOString() },
      {
        unconditional: true,
      },
    );
  }

  async completed(slot: string, at: Date): Promise<void> {
    await this.documents.write(
      key,
      { ...(await this.get()), lastCompletedSlot: slot, completedAt: at.toISOString() },
      { unconditional: true },
    );
  }
}
