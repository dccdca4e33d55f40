import { DemoIds } from '../sandbox/seeds/demoIds.js';
import { CardVerb } from '../src/cards/cardVerbs.js';
import { loadConfig } from '../src/config.js';
import { startApp } from '../src/index.js';
import { createSilentLogger } from '../src/services/logging/logger.js';
import {
  optionProductsFor,
  productsOf,
  sandboxOptionCatalog,
} from '../src/services/migration/optionCatalog.js';
import { optionNumbers } from '../src/services/migration/replacementOptions.js';
import type { PartnerCenter } from '../src/services/partner-center/partnerCenter.js';
import { startAzurite } from '../test/helpers/azurite.js';
import { TeamsChannel, type PostedActivity, type TeamsChat } from '../test/helpers/teamsChannel.js';
import { sandboxAdmin } from './benchGraph.js';
import { CallRecorder, coveredTime, percentile, type RecordedCall } from './callRecorder.js';
import { startSandboxProcess } from './sandboxProcess.js';

/**
 * Issue #4's benchmark: "migrate customer X" → comparison card, through the whole bot (restify,
 * CloudAdapter, state on Azurite, the product's Partner Center client) with the sandbox in its own
 * process adding a fixed latency to every Partner Center call. Prints p50/p95 of sequential turns, the
 * slowest single Partner Center call such a turn needs (timed alone with the product's client in the
 * same run) and the ratio of the two, where the turn's time goes, and p95 under concurrent conversations.
 *
 * Options: `--turns N` (default 100), `--latency MS` (default 50), `--conversations N` (default 50),
 * `--turns-per-conversation N` (default 2), `--repeats N` (single-call timings per call and customer, default 3),
 * `--reads-per-second R` (client-side pacing of reads; default the product's own, 20/s).
 */

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** Demo customers with one migratable E4 subscription each (so the turn ends on the comparison card). */
const customers = [
  { query: 'Contoso', id: DemoIds.customers.contoso },
  { query: 'Fabrikam Nordic AB', id: DemoIds.customers.fabrikamNordic },
  { query: 'Brouwerij De Klok', id: DemoIds.customers.brouwerijDeKlok },
  { query: 'Bäckström Bygg', id: DemoIds.customers.backstromBygg },
  { query: 'Northwind Traders', id: DemoIds.customers.northwind },
] as const;

const adminAgent = { oid: DemoIds.partnerUsers.adminAgent, tenantId: DemoIds.partnerTenantId };

function isComparisonCard(replies: PostedActivity[]): boolean {
  return replies.some((activity) =>
    (activity.attachments ?? []).some((attachment) =>
      JSON.stringify(attachment.content).includes(`"verb":"${CardVerb.chooseOption}"`),
    ),
  );
}

type CallKind = 'partnerCenter' | 'auth' | 'storage' | 'connector' | 'other';

interface TurnSample {
  ms: number;
  calls: (RecordedCall & { kind: CallKind })[];
}

const round = (value: number) => Math.round(value * 10) / 10;
const median = (values: readonly number[]) => percentile(values, 50);

export async function runTurnLatencyBench(): Promise<Record<string, unknown>> {
  const turns = option('turns', 100);
  const latencyMs = option('latency', 50);
  const conversations = option('conversations', 50);
  const turnsPerConversation = option('turns-per-conversation', 2);
  const repeats = option('repeats', 3);
  const readsIndex = process.argv.indexOf('--reads-per-second');
  const readsPerSecond = readsIndex >= 0 ? String(option('reads-per-second', 20)) : undefined;

  const recorder = new CallRecorder();
  recorder.install();
  const [sandbox, azurite] = await Promise.all([
    startSandboxProcess({ SANDBOX_PROVISIONING_DELAY_MS: '0' }),
    startAzurite(),
  ]);
  const stops: (() => Promise<void>)[] = [() => sandbox.stop(), () => azurite.stop()];
  try {
    await sandboxAdmin(sandbox.url, 'PUT', '/_sandbox/faults', { latencyMs });
    const config = loadConfig({
      BOT_MODE: 'local',
      LOG_LEVEL: 'silent',
      SANDBOX_URL: sandbox.url,
      // What `npm run sandbox` registers for the bot (sandbox/main.ts).
      MICROSOFT_APP_PASSWORD: DemoIds.botClientSecret,
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      PORT: '0',
      ...(readsPerSecond ? { RATE_LIMIT_READS_PER_SECOND: readsPerSecond } : {}),
    });
    const app = await startApp(config, createSilentLogger());
    stops.unshift(() => app.close());
    const channel = await TeamsChannel.start(app.url);
    stops.unshift(() => channel.close());

    const hosts = {
      sandbox: new URL(sandbox.url).host,
      storage: new URL(/BlobEndpoint=([^;]+)/.exec(azurite.connectionString)?.[1] ?? 'http://x').host,
      connector: new URL(channel.url).host,
      bot: new URL(app.url).host,
    };
    const kindOf = (call: RecordedCall): CallKind | undefined => {
      if (call.target === hosts.bot) return undefined; // the benchmark's own request
      if (call.target === hosts.sandbox) return call.path.startsWith('/v1/') ? 'partnerCenter' : 'auth';
      if (call.target === hosts.storage) return 'storage';
      if (call.target === hosts.connector) return 'connector';
      return 'other';
    };
    const timedTurn = async (chat: TeamsChat, query: string): Promise<TurnSample> => {
      const started = performance.now();
      const replies = await chat.say(`migrate customer ${query}`);
      const ended = performance.now();
      if (!isComparisonCard(replies)) {
        throw new Error(`"migrate customer ${query}" did not answer with the comparison card`);
      }
      const calls = recorder.between(started, ended).flatMap((call) => {
        const kind = kindOf(call);
        return kind ? [{ ...call, kind }] : [];
      });
      return { ms: ended - started, calls };
    };
    const newChat = () =>
      channel.chat({
        user: { aadObjectId: adminAgent.oid, name: 'Admin agent' },
        tenantId: adminAgent.tenantId,
      });

    // Warm-up, not measured: the customer directory is loaded (as the bot's background refresh keeps
    // it), and one turn per customer warms MSAL's token cache, Azurite's containers and the JIT.
    await app.services.customers.refresh();
    const chat = newChat();
    const warmUp: number[] = [];
    for (const customer of customers) warmUp.push((await timedTurn(chat, customer.query)).ms);

    // 1. Sequential turns, one conversation, customers in turn.
    const sequential: TurnSample[] = [];
    for (let index = 0; index < turns; index++) {
      sequential.push(await timedTurn(chat, customers[index % customers.length]!.query));
    }

    // 2. Every Partner Center call the turn needs, timed alone with the product's own clients.
    const asAdmin: PartnerCenter = app.services.partnerCenterAs(adminAgent);
    const appOnly: PartnerCenter = app.services.partnerCenter;
    const single = new Map<string, number[]>();
    const time = async (name: string, call: () => Promise<unknown>) => {
      const started = performance.now();
      await call();
      const ms = performance.now() - started;
      single.set(name, [...(single.get(name) ?? []), ms]);
    };
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const customer of customers) {
        const market = app.services.customers.get(customer.id)?.country ?? 'US';
        await time('listSubscriptions (app-only, E4 finder)', () => appOnly.listSubscriptions(customer.id));
        await time('getCustomer', () => asAdmin.getCustomer(customer.id));
        await time('listSubscriptions', () => asAdmin.listSubscriptions(customer.id));
        await time('listSubscribedSkus', () => asAdmin.listSubscribedSkus(customer.id));
        const products = new Map(
          optionNumbers
            .flatMap((number) => productsOf(optionProductsFor(sandboxOptionCatalog, market, number)))
            .map((product) => [`${product.productId}/${product.skuId}`, product]),
        );
        for (const product of products.values()) {
          await time('listAvailabilities', () =>
            asAdmin.listAvailabilities(market, product.productId, product.skuId).catch(() => []),
          );
        }
      }
    }
    const singleCalls = [...single.entries()].map(([name, values]) => ({
      name,
      samples: values.length,
      p50Ms: median(values),
      maxMs: Math.max(...values),
    }));
    const slowest = singleCalls.reduce((a, b) => (b.p50Ms > a.p50Ms ? b : a));
    const slowestEverMs = Math.max(...singleCalls.map((call) => call.maxMs));

    // 3. Concurrent conversations, each doing several turns one after another.
    const concurrentStarted = performance.now();
    const concurrentTimes: number[] = [];
    let concurrentFailures = 0;
    await Promise.all(
      Array.from({ length: conversations }, async (_, conversation) => {
        const concurrentChat = newChat();
        for (let turn = 0; turn < turnsPerConversation; turn++) {
          const customer = customers[(conversation + turn) % customers.length]!;
          try {
            concurrentTimes.push((await timedTurn(concurrentChat, customer.query)).ms);
          } catch {
            concurrentFailures++;
          }
        }
      }),
    );
    const concurrentElapsed = performance.now() - concurrentStarted;
    const concurrentPartnerCenterCalls = recorder
      .between(concurrentStarted, concurrentStarted + concurrentElapsed)
      .filter((call) => kindOf(call) === 'partnerCenter').length;

    // Where a sequential turn's time goes.
    const turnTimes = sequential.map((sample) => sample.ms);
    const perTurn = (pick: (sample: TurnSample) => number) => median(sequential.map(pick));
    const ofKind = (sample: TurnSample, kind: CallKind) => sample.calls.filter((call) => call.kind === kind);
    const breakdown = Object.fromEntries(
      (['partnerCenter', 'auth', 'storage', 'connector', 'other'] as const).map((kind) => [
        kind,
        {
          callsPerTurn: perTurn((sample) => ofKind(sample, kind).length),
          wallMsPerTurn: round(perTurn((sample) => coveredTime(ofKind(sample, kind)))),
        },
      ]),
    );
    const outsideCallsMs = perTurn((sample) => sample.ms - coveredTime(sample.calls));
    const partnerCenterCallMs = sequential.flatMap((sample) =>
      ofKind(sample, 'partnerCenter').map((call) => call.end - call.start),
    );
    // The order of Partner Center calls in one (median-length) turn, relative to its start.
    const typical = [...sequential].sort((a, b) => a.ms - b.ms)[Math.floor(sequential.length / 2)]!;
    const typicalStart = typical.calls.length ? Math.min(...typical.calls.map((call) => call.start)) : 0;
    const timeline = typical.calls
      .sort((a, b) => a.start - b.start)
      .map(
        (call) =>
          `${call.kind.padEnd(13)} ${call.method.padEnd(6)} ${(call.start - typicalStart).toFixed(0).padStart(5)}–${(call.end - typicalStart).toFixed(0).padStart(5)} ms  ${call.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}')}`,
      );

    const p50 = percentile(turnTimes, 50);
    const p95 = percentile(turnTimes, 95);
    const result = {
      latencyMs,
      readsPerSecondLimit: config.partnerCenter.rateLimits.perSecond.reads,
      coldFirstTurnMs: round(warmUp[0] ?? NaN),
      sequentialTurns: turns,
      p50Ms: round(p50),
      p95Ms: round(p95),
      maxMs: round(Math.max(...turnTimes)),
      slowestSingleCall: slowest.name,
      slowestSingleCallP50Ms: round(slowest.p50Ms),
      slowestSingleCallMaxMs: round(slowestEverMs),
      ratioP50ToSlowestCall: round((p50 / slowest.p50Ms) * 100) / 100,
      ratioP95ToSlowestCall: round((p95 / slowest.p50Ms) * 100) / 100,
      partnerCenterCallInTurnP50Ms: round(median(partnerCenterCallMs)),
      partnerCenterCallInTurnMaxMs: round(Math.max(...partnerCenterCallMs)),
      breakdown,
      outsideCallsMsPerTurn: round(outsideCallsMs),
      singleCalls: singleCalls.map((call) => ({
        ...call,
        p50Ms: round(call.p50Ms),
        maxMs: round(call.maxMs),
      })),
      concurrentConversations: conversations,
      concurrentTurns: concurrentTimes.length,
      concurrentFailures,
      concurrentP50Ms: round(percentile(concurrentTimes, 50)),
      concurrentP95Ms: round(percentile(concurrentTimes, 95)),
      concurrentMaxMs: round(Math.max(...concurrentTimes)),
      concurrentTurnsPerSecond: round((concurrentTimes.length * 1000) / concurrentElapsed),
      concurrentPartnerCenterCallsPerSecond: round((concurrentPartnerCenterCalls * 1000) / concurrentElapsed),
    };

    console.log(
      `\nTurn latency — "migrate customer X" → comparison card, ${latencyMs} ms per Partner Center call, reads paced at ${result.readsPerSecondLimit}/s`,
    );
    console.log(
      `  warm-up (not measured): customer directory loaded, one turn per customer (${customers.map((c) => c.query).join(', ')}); the very first turn (MSAL on-behalf-of, state containers) took ${result.coldFirstTurnMs.toFixed(0)} ms`,
    );
    console.log(
      `  ${turns} sequential turns, one conversation: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms`,
    );
    console.log(
      `  slowest single Partner Center call the turn needs: ${slowest.name}, p50 ${slowest.p50Ms.toFixed(0)} ms (max seen ${slowestEverMs.toFixed(0)} ms; ${repeats}× per call and customer, product's client)`,
    );
    console.log(
      `  ratio turn / slowest call: p50 ${result.ratioP50ToSlowestCall.toFixed(2)}×, p95 ${result.ratioP95ToSlowestCall.toFixed(2)}× (goal ≤ 2×)`,
    );
    console.log('  where a sequential turn goes (medians per turn):');
    for (const [kind, { callsPerTurn, wallMsPerTurn }] of Object.entries(breakdown)) {
      if (callsPerTurn > 0)
        console.log(`    ${kind.padEnd(13)} ${callsPerTurn} calls, ${wallMsPerTurn} ms wall`);
    }
    console.log(
      `    outside any call (bot code, pacing waits): ${outsideCallsMs.toFixed(0)} ms; a Partner Center call inside a turn: p50 ${result.partnerCenterCallInTurnP50Ms} ms, max ${result.partnerCenterCallInTurnMaxMs} ms`,
    );
    console.log(`  a median turn (${typical.ms.toFixed(0)} ms), call by call:`);
    for (const line of timeline) console.log(`    ${line}`);
    console.log(
      `  ${conversations} concurrent conversations × ${turnsPerConversation} turns: p50 ${result.concurrentP50Ms.toFixed(0)} ms, p95 ${result.concurrentP95Ms.toFixed(0)} ms, max ${result.concurrentMaxMs.toFixed(0)} ms; ${result.concurrentTurnsPerSecond} turns/s, ${result.concurrentPartnerCenterCallsPerSecond} Partner Center calls/s; failures ${concurrentFailures}`,
    );
    return result;
  } finally {
    recorder.uninstall();
    for (const stop of stops) await stop().catch(() => undefined);
  }
}
