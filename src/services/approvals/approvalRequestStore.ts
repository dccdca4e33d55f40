import { AppError, ConcurrencyError } from '../errors.js';
import type { BlobJsonStore } from '../storage/blobJsonStore.js';
import type { ApprovalRequest } from './approvalRequest.js';

/** The outcome of recording: the stored request, and whether this call created (or re-opened) it. */
export interface RecordedApprovalRequest {
  request: ApprovalRequest;
  created: boolean;
}

/** A change: the next version of the request, or `undefined` to leave it as it is. */
export type ApprovalChange = (current: ApprovalRequest) => ApprovalRequest | undefined;

/** Approval requests as JSON documents, one per (customer, plan hash). */
export interface ApprovalRequestStore {
  /**
   * Records the request unless the same plan was already requested; never two records for one plan.
   * An earlier request for the plan that `reopen` accepts (rejected, expired, a migration that was rolled
   * back) is replaced by this one as the next round.
   */
  record(
    request: ApprovalRequest,
    reopen?: (existing: ApprovalRequest) => boolean,
  ): Promise<RecordedApprovalRequest>;
  get(approvalId: string): Promise<ApprovalRequest | undefined>;
  /** Compare-and-swap: `change` sees the latest version; two deciders can't both win. */
  update(approvalId: string, change: ApprovalChange): Promise<ApprovalRequest>;
  /** Every request, or one customer's, read one at a time (audit retention and erasure). */
  list(customerId?: string): AsyncIterableIterator<ApprovalRequest>;
  /**
   * Removes the request if `shouldRemove` holds for its latest version (compare-and-swap on the eTag, so
   * a request re-opened or decided since it was read is checked again). Returns whether it was removed.
   */
  removeIf(approvalId: string, shouldRemove: (current: ApprovalRequest) => boolean): Promise<boolean>;
}

const maxAttempts = 20;

export class BlobApprovalRequestStore implements ApprovalRequestStore {
  constructor(private readonly documents: BlobJsonStore<ApprovalRequest>) {}

  async record(
    request: ApprovalRequest,
    reopen: (existing: ApprovalRequest) => boolean = () => false,
  ): Promise<RecordedApprovalRequest> {
    const key = keyOf(request.id);
    for (let attempt = 1; ; attempt++) {
      try {
        // Create-only: two clicks or two instances racing end with one record, the first one.
        await this.documents.write(key, request, { ifNoneExists: true });
        return { request, created: true };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
      const existing = await this.documents.read(key);
      if (!existing) continue;
      if (!reopen(existing.value)) return { request: existing.value, created: false };
      const next: ApprovalRequest = { ...request, round: existing.value.round + 1 };
      try {
        await this.documents.write(key, next, { ifMatch: existing.etag });
        return { request: next, created: true };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
      }
    }
  }

  async get(approvalId: string): Promise<ApprovalRequest | undefined> {
    return (await this.documents.read(keyOf(approvalId)))?.value;
  }

  async update(approvalId: string, change: ApprovalChange): Promise<ApprovalRequest> {
    const updated = await this.documents.update(keyOf(approvalId), change);
    if (!updated) throw new AppError(`Approval request ${approvalId} does not exist.`, 'approval_not_found');
    return updated;
  }

  async *list(customerId?: string): AsyncIterableIterator<ApprovalRequest> {
    const prefix =
      customerId === undefined ? 'approval-requests/' : `approval-requests/${customerId.toLowerCase()}/`;
    for await (const key of this.documents.keys(prefix)) {
      const stored = await this.documents.read(key);
      if (stored) yield stored.value;
    }
  }

  removeIf(approvalId: string, shouldRemove: (current: ApprovalRequest) => boolean): Promise<boolean> {
    return this.documents.removeIf(keyOf(approvalId), shouldRemove);
  }
}

/** Ids are `<customer id>.<hash prefix>`, safe in blob names; the customer is the folder. */
function keyOf(approvalId: string): string {
  const [customerId = approvalId] = approvalId.split('.');
  return `approval-requests/${customerId.toLowerCase()}/${approvalId.toLowerCase()}.json`;
}

/** The request id for a plan: stable, so a repeated request names the same record. */
export function approvalRequestId(customerId: string, planHash: string): string {
  return `${customerId.toLowerCase()}.${planHash.slice(0, 16)}`;
}
