import { pino, type Logger as PinoLogger, type LevelWithSilent } from 'pino';

/**
 * The structured logger every layer receives. A pino logger: JSON lines, `child({ correlationId })`
 * per turn and per migration. Secrets are redacted at the source so no call site can leak them.
 */
export type Logger = PinoLogger;

/** Paths pino censors wherever they appear (tokens, Authorization headers, secrets). */
export const redactedPaths = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'assertion',
  '*.assertion',
  'clientSecret',
  '*.clientSecret',
  'password',
  '*.password',
];

export interface CreateLoggerOptions {
  level?: LevelWithSilent;
  name?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: NodeJS.WritableStream;
}

/** Builds the process logger. Called once, by the composition root. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      name: options.name ?? 'e4-migration-assistant',
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? process.stdout,
  );
}

/** A logger that drops everything, for tests and tools that don't care. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
