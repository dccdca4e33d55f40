import { ConcurrencyError } from '../errors.js';
import type { BlobJsonStore } from '../storage/blobJsonStore.js';
import type { ApprovalRequest } from './approvalRequest.js';

/** The outcome of recording: the stored request, and whether this call created it. */
export interface RecordedApprovalRequest {
  request: ApprovalRequest;
  created: boolean;
}

/** Approval requests as JSON documents, one per (customer, plan hash). */
export interface ApprovalRequestStore {
  /** Records the request unless the same plan was already requested; never two records for one plan. */
  record(request: ApprovalRequest): Promise<RecordedApprovalRequest>;
  get(customerId: string, planHash: string): Promise<ApprovalRequest | undefined>;
}

export class BlobApprovalRequestStore implements ApprovalRequestStore {
  constructor(private readonly documents: BlobJsonStore<ApprovalRequest>) {}

  async record(request: ApprovalRequest): Promise<RecordedApprovalRequest> {
    const key = keyOf(request.customerId, request.planHash);
    try {
      // Create-only: two clicks or two instances racing end with one record, the first one.
      await this.documents.write(key, request, { ifNoneExists: true });
      return { request, created: true };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const existing = await this.documents.read(key);
      if (!existing) throw error;
      return { request: existing.value, created: false };
    }
  }

  async get(customerId: string, planHash: string): Promise<ApprovalRequest | undefined> {
    return (await this.documents.read(keyOf(customerId, planHash)))?.value;
  }
}

/** Ids are GUIDs and hex hashes, safe in blob names; lower case so one customer is one folder. */
function keyOf(customerId: string, planHash: string): string {
  return `approval-requests/${customerId.toLowerCase()}/${planHash}.json`;
}

/** The request id for a plan: stable, so a repeated request names the same record. */
export function approvalRequestId(customerId: string, planHash: string): string {
  return `${customerId.toLowerCase()}.${planHash.slice(0, 16)}`;
}
