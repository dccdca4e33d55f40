import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './freePort.js';
import { azuriteAccount, azuriteConnectionStringAt } from '../src/config.js';

/**
 * The local stack behind `npm start` and `npm run test:e2e`: Azurite (blob and queue), the sandbox
 * Partner Center, the bot (src/main.ts in local mode) and the Microsoft 365 Agents Playground, each a
 * child process of the caller, started in that order and each awaited until it answers. `stop()` ends them
 * in reverse order; a process-exit hook kills any that are still alive, so none is left behind.
 */

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Azurite's well-known development account (public, documented by Microsoft). */

export type ServiceName = 'azurite-blob' | 'azurite-queue' | 'sandbox' | 'bot' | 'playground';

export interface LocalStackOptions {
  /**
   * Preferred ports. A preferred port that is taken falls back to a free one (reported in
   * `portNotes`); 0 or absent means any free port.
   */
  ports?: Partial<Record<'blob' | 'queue' | 'sandbox' | 'bot' | 'playground', number>>;
  /** Azurite's data folder; absent means in memory (nothing on disk). */
  azuriteLocation?: string;
  /** Storage the bot should use instead: no Azurite is started when this is set. */
  storageConnectionString?: string;
  /** When set, every service's output also goes to `<logDir>/<service>.log`. */
  logDir?: string;
  /** The playground's configuration (default: the repo's `.m365agentsplayground.yml`). */
  playgroundConfig?: string;
  /** Extra environment for the bot (e.g. LOG_LEVEL, LOCAL_USER_MAP). */
  botEnv?: NodeJS.ProcessEnv;
  /** Extra environment for the sandbox (e.g. SANDBOX_PROVISIONING_DELAY_MS). */
  sandboxEnv?: NodeJS.ProcessEnv;
  /** How long each service may take to answer (default 60 s). */
  readyTimeoutMs?: number;
  /** Called when a service exits while the stack is running (not during `stop()`). */
  onUnexpectedExit?: (service: ServiceName, code: number | null, signal: NodeJS.Signals | null) => void;
  /** Progress lines ("starting the sandbox…"); default: nothing. */
  onProgress?: (line: string) => void;
}

export interface LocalStack {
  urls: {
    blob: string;
    queue: string;
    sandbox: string;
    bot: string;
    /** The bot's Bot Framework endpoint (`…/api/messages`). */
    messages: string;
    playground: string;
  };
  /** The connection string the bot was given (Azurite's dev account on the chosen ports). */
  storageConnectionString: string;
  /** Lines such as "port 3978 is taken; the bot uses 41234". */
  portNotes: string[];
  /** The last lines each service printed, for diagnosing a failure. */
  recentOutput(service?: ServiceName): string;
  /** Stops every service (reverse start order): SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

interface Service {
  name: ServiceName;
  child: ChildProcess;
  lines: string[];
  log: WriteStream | undefined;
  exited: Promise<void>;
}

const keptLines = 300;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last resort (the caller crashed or exited without `stop()`): no child outlives this process. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
}

/** Children run in their own process group, so this reaches anything they started too. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function pickPort(preferred: number | undefined, what: string, notes: string[]): Promise<number> {
  if (!preferred) return freePort();
  if (await isPortFree(preferred)) return preferred;
  const port = await freePort();
  notes.push(`port ${preferred} is taken; ${what} uses ${port} instead`);
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  installExitHook();
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const progress = options.onProgress ?? (() => undefined);
  const services: Service[] = [];
  let stopping = false;
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });

  const launch = (name: ServiceName, args: string[], env: NodeJS.ProcessEnv = {}): Service => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    live.add(child);
    const log = options.logDir
      ? createWriteStream(join(options.logDir, `${name}.log`), { flags: 'a' })
      : undefined;
    const lines: string[] = [];
    const collect = (chunk: Buffer) => {
      log?.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        lines.push(line);
        if (lines.length > keptLines) lines.shift();
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        live.delete(child);
        log?.end();
        if (!stopping) options.onUnexpectedExit?.(name, code, signal);
        resolve();
      });
      child.once('error', (error) => {
        lines.push(`failed to start: ${error.message}`);
      });
    });
    const service: Service = { name, child, lines, log, exited };
    services.push(service);
    return service;
  };

  // The playground writes what it logs (configuration errors too) to a file, not to a pipe.
  const scratch = options.logDir ? undefined : mkdtempSync(join(tmpdir(), 'e4-playground-'));
  const playgroundLog = join(options.logDir ?? scratch ?? tmpdir(), 'playground-internal.log');
  const tailOf = (file: string) => {
    try {
      return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '';
    }
  };
  const recentOutput = (only?: ServiceName) =>
    services
      .filter((service) => !only || service.name === only)
      .map((service) => {
        const own = `--- ${service.name} (last ${service.lines.length} lines) ---\n${service.lines.join('\n')}`;
        return service.name === 'playground'
          ? `${own}\n--- playground log ${playgroundLog} ---\n${tailOf(playgroundLog)}`
          : own;
      })
      .join('\n');

  const stop = async () => {
    stopping = true;
    for (const service of [...services].reverse()) {
      killGroup(service.child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(service.child, 'SIGKILL'), 5_000);
      await service.exited;
      clearTimeout(timer);
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };

  /** Polls `probe` until it returns true; fails early if the service exits. */
  const waitFor = async (service: Service, what: string, probe: () => Promise<boolean>) => {
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (service.child.exitCode !== null || service.child.signalCode !== null) {
        throw new Error(
          `${service.name} exited (${service.child.exitCode ?? service.child.signalCode}) before ${what} answered.\n${recentOutput(service.name)}`,
        );
      }
      try {
        if (await probe()) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`${what} did not answer within ${readyTimeoutMs} ms.\n${recentOutput(service.name)}`);
      }
      await sleep(150);
    }
  };
  const answers =
    (url: string, ok: (status: number) => boolean = () => true) =>
    async () =>
      ok((await fetch(url, { signal: AbortSignal.timeout(5_000) })).status);

  const notes: string[] = [];
  try {
    let blobUrl = '';
    let queueUrl = '';
    let storageConnectionString = options.storageConnectionString ?? '';
    if (!options.storageConnectionString) {
      const blobPort = await pickPort(options.ports?.blob, 'Azurite (blob)', notes);
      const queuePort = await pickPort(options.ports?.queue, 'Azurite (queue)', notes);
      const storage = options.azuriteLocation
        ? ['--location', options.azuriteLocation]
        : ['--inMemoryPersistence'];
      if (options.azuriteLocation) mkdirSync(options.azuriteLocation, { recursive: true });
      const common = ['--silent', '--disableTelemetry', '--skipApiVersionCheck', '--loose', ...storage];
      const azuriteMain = (kind: 'blob' | 'queue') =>
        join(repoRoot, 'node_modules', 'azurite', 'dist', 'src', kind, 'main.js');

      progress(`Starting Azurite (blob ${blobPort}, queue ${queuePort})…`);
      const blob = launch('azurite-blob', [
        azuriteMain('blob'),
        ...common,
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(blobPort),
      ]);
      const queue = launch('azurite-queue', [
        azuriteMain('queue'),
        ...common,
        '--queueHost',
        '127.0.0.1',
        '--queuePort',
        String(queuePort),
      ]);
      blobUrl = `http://127.0.0.1:${blobPort}/${azuriteAccount.name}`;
      queueUrl = `http://127.0.0.1:${queuePort}/${azuriteAccount.name}`;
      await waitFor(blob, 'Azurite (blob)', answers(`${blobUrl}?comp=list`));
      await waitFor(queue, 'Azurite (queue)', answers(`${queueUrl}?comp=list`));
      storageConnectionString = azuriteConnectionStringAt({ blob: blobPort, queue: queuePort });
    }

    const sandboxPort = await pickPort(options.ports?.sandbox, 'the sandbox', notes);
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    progress(`Starting the sandbox Partner Center on ${sandboxUrl}…`);
    const sandbox = launch('sandbox', ['--import', 'tsx', join(repoRoot, 'sandbox', 'main.ts')], {
      ...options.sandboxEnv,
      PORT: String(sandboxPort),
      SANDBOX_HOST: '127.0.0.1',
    });
    await waitFor(
      sandbox,
      'the sandbox',
      answers(`${sandboxUrl}/_sandbox/clock`, (s) => s < 500),
    );

    const botPort = await pickPort(options.ports?.bot, 'the bot', notes);
    const botUrl = `http://127.0.0.1:${botPort}`;
    progress(`Starting the bot on ${botUrl}…`);
    const bot = launch('bot', ['--import', 'tsx', join(repoRoot, 'src', 'main.ts')], {
      ...options.botEnv,
      BOT_MODE: 'local',
      HOST: '127.0.0.1',
      PORT: String(botPort),
      SANDBOX_URL: sandboxUrl,
      // The sandbox is the Partner Center in local mode; a base URL left in the shell would bypass it.
      PARTNER_CENTER_BASE_URL: undefined,
      AZURE_STORAGE_CONNECTION_STRING: storageConnectionString,
    });
    await waitFor(
      bot,
      'the bot',
      answers(`${botUrl}/healthz`, (s) => s === 200),
    );

    const messages = `${botUrl}/api/messages`;
    const wantedPlaygroundPort = await pickPort(options.ports?.playground, 'the playground', notes);
    progress(`Starting the Microsoft 365 Agents Playground…`);
    const playground = launch(
      'playground',
      [
        join(repoRoot, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
        '--app-endpoint',
        messages,
        '--channel-id',
        'msteams',
        '--disable-telemetry',
        '--port',
        String(wantedPlaygroundPort),
      ],
      {
        M365_AGENTS_PLAYGROUND_CONFIG_PATH:
          options.playgroundConfig ?? join(repoRoot, '.m365agentsplayground.yml'),
        M365_AGENTS_PLAYGROUND_LOGFILE: playgroundLog,
        // Never open a desktop browser from here: the caller says where the playground is.
        TEAMSAPPTESTER_BROWSER: 'none',
      },
    );
    // The playground falls back to a random port if the one asked for is taken; it says which.
    let playgroundPort: number | undefined;
    const configHint =
      'If the playground log says "Failed to parse config file", fix .m365agentsplayground.yml ' +
      '(schema version 0.1.1: exactly five users, unique ids, the key is spelled userPrincipleName).';
    try {
      await waitFor(playground, 'the Agents Playground', async () => {
        const said = playground.lines.map((line) => /Listening on (\d+)/.exec(line)?.[1]).find(Boolean);
        if (!said) return false;
        playgroundPort = Number(said);
        return (await fetch(`http://127.0.0.1:${playgroundPort}/`)).status === 200;
      });
      // A configuration the playground rejects makes it exit right after listening, with the reason
      // only in its log file: give it a moment, so the caller hears about it here.
      await sleep(1_000);
      if (playground.child.exitCode !== null) {
        throw new Error(
          `the Agents Playground exited with ${playground.child.exitCode} right after starting.\n` +
            recentOutput('playground'),
        );
      }
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${configHint}`);
    }
    if (playgroundPort !== wantedPlaygroundPort)
      notes.push(`the playground took port ${playgroundPort} instead of ${wantedPlaygroundPort}`);

    return {
      urls: {
        blob: blobUrl,
        queue: queueUrl,
        sandbox: sandboxUrl,
        bot: botUrl,
        messages,
        playground: `http://localhost:${playgroundPort}`,
      },
      storageConnectionString,
      portNotes: notes,
      recentOutput,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
