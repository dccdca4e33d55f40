import type { LedgerCaller } from './ledger.js';

/** Who is calling and with which ids: what every ledger entry of a Partner Center call carries. */
export interface CallContext {
  caller: LedgerCaller;
  requestId: string;
  correlationId: string;
  method: string;
  /** Path and query as received. */
  path: string;
  /** Sandbox time of the call (epoch ms). */
  nowMs: number;
}

/** The ledger fields of a call, for a customer. */
export function callFields(call: CallContext, customerId?: string) {
  return {
    caller: call.caller,
    requestId: call.requestId,
    correlationId: call.correlationId,
    method: call.method,
    path: call.path,
    at: new Date(call.nowMs).toISOString(),
    ...(customerId === undefined ? {} : { customerId }),
  };
}
