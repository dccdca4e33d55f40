import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/services/logging/logger.js';

/** One JSON line the product logged, parsed. */
export interface LogEntry {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The product's own logger (pino, with its redaction), writing into memory so a test can read it. */
export interface RecordingLogger {
  logger: Logger;
  /** Everything logged so far, oldest first. */
  entries(): LogEntry[];
  /** Entries with this message whose fields include `fields` (compared with `===`). */
  find(msg: string, fields?: Record<string, unknown>): LogEntry[];
  /** Every line as written, for "never logs X" checks. */
  text(): string;
}

export function recordingLogger(level: 'info' | 'debug' | 'trace' = 'info'): RecordingLogger {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  const entries = () =>
    lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogEntry);
  return {
    logger: createLogger({ level, destination }),
    entries,
    find: (msg, fields = {}) =>
      entries().filter(
        (entry) => entry.msg === msg && Object.entries(fields).every(([key, value]) => entry[key] === value),
      ),
    text: () => lines.join(''),
  };
}
