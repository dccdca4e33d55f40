import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { RouteAccess, VerifiedCaller } from '../auth/types.js';
import type { CallContext } from '../callContext.js';
import type { SandboxRouteFamily } from '../faults/faultConfig.js';
import type { LedgerCaller } from '../ledger.js';
import { describeError, pcError, type PcResult } from '../pcErrors.js';
import { ReplayStore } from '../replayStore.js';
import type { SandboxRuntime } from '../runtime.js';
import { header, optionalParam, pathOf } from './requestParts.js';

/** One Partner Center route: what it is, who may call it, and the handler that acts. */
export interface PcRouteDefinition {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  family: SandboxRouteFamily;
  access: RouteAccess;
  handle: (request: FastifyRequest, call: CallContext) => PcResult | Promise<PcResult>;
}

function callerOf(caller: VerifiedCaller): LedgerCaller {
  if (caller.kind === 'app' || !caller.oid) return { kind: 'app', appId: caller.appId };
  return caller.name === undefined
    ? { kind: 'user', oid: caller.oid, appId: caller.appId }
    : { kind: 'user', oid: caller.oid, name: caller.name, appId: caller.appId };
}

function send(
  reply: FastifyReply,
  ids: { requestId: string; correlationId: string },
  result: PcResult,
): FastifyReply {
  return reply
    .code(result.status)
    .headers({
      'MS-RequestId': ids.requestId,
      'MS-CorrelationId': ids.correlationId,
      'MS-ServerId': 'sandbox',
    })
    .headers(result.headers ?? {})
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(result.body));
}

/** The "unclear answer": the socket goes away with no response at all. */
function dropConnection(request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  request.raw.socket.destroy();
}

/**
 * Runs one Partner Center call through the sandbox pipeline: request ids → latency → injected faults
 * (script, random, rate limit) → token check → replay of a stored outcome → the handler → store the
 * outcome → answer, or drop the connection after acting.
 */
async function runCall(
  runtime: SandboxRuntime,
  route: PcRouteDefinition,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const ids = {
    requestId: header(request, 'ms-requestid') || randomUUID(),
    correlationId: header(request, 'ms-correlationid') || randomUUID(),
  };
  const customerId = optionalParam(request, 'customerId');
  const where = { ...ids, method: route.method, path: request.url, ...(customerId ? { customerId } : {}) };
  const decision = runtime.faults.decide(route.method, pathOf(request), route.family);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  const anonymous: LedgerCaller = { kind: 'anonymous' };
  if (decision.drop?.when === 'before') {
    runtime.ledger.record({
      ...where,
      kind: 'fault',
      caller: anonymous,
      fault: 'drop',
      source: decision.drop.source,
    });
    return dropConnection(request, reply);
  }
  if (decision.respond) {
    const { result, fault, source } = decision.respond;
    runtime.ledger.record({
      ...where,
      kind: 'fault',
      caller: anonymous,
      fault,
      source,
      status: result.status,
    });
    return send(reply, ids, result);
  }

  const auth = await runtime.verifier.verify(request.headers.authorization, route.access);
  if (!auth.ok) {
    const refused = pcError(auth.status, auth.code, auth.description);
    if (auth.status === 401)
      refused.headers = {
        'WWW-Authenticate': `OAuth realm=urn:cpsvc:cpid:${runtime.state.partner.tenantId}`,
      };
    runtime.ledger.record({
      ...where,
      kind: 'refused',
      caller: anonymous,
      status: auth.status,
      code: auth.code,
      description: auth.description,
    });
    return send(reply, ids, refused);
  }
  const call: CallContext = {
    ...ids,
    caller: callerOf(auth.caller),
    method: route.method,
    path: request.url,
    nowMs: runtime.clock.nowMs(),
  };

  const replayKey =
    route.method === 'GET' ? undefined : ReplayStore.key(ids.requestId, route.method, request.url);
  const stored = replayKey === undefined ? undefined : runtime.replay.get(replayKey);
  let result: PcResult;
  if (stored) {
    result = stored;
    runtime.ledger.record({ ...where, kind: 'replayed', caller: call.caller, status: stored.status });
  } else {
    result = await route.handle(request, call);
    if (result.status >= 400 && result.status < 500) {
      runtime.ledger.record({
        ...where,
        kind: 'refused',
        caller: call.caller,
        status: result.status,
        ...describeError(result),
      });
    }
    if (replayKey !== undefined) runtime.replay.remember(replayKey, result);
  }
  if (decision.drop?.when === 'afterCommit') {
    runtime.ledger.record({
      ...where,
      kind: 'fault',
      caller: call.caller,
      fault: 'dropAfterCommit',
      source: decision.drop.source,
    });
    return dropConnection(request, reply);
  }
  return send(reply, ids, result);
}

/** Registers a Partner Center route with the full pipeline. */
export function registerPcRoute(
  app: FastifyInstance,
  runtime: SandboxRuntime,
  route: PcRouteDefinition,
): void {
  app.route({
    method: route.method,
    url: route.url,
    handler: (request, reply) => runCall(runtime, route, request, reply),
  });
}
