import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../../../src/services/logging/logger.js';

describe('logger', () => {
  it('writes JSON lines and never writes tokens or Authorization headers', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger({ destination, level: 'info' }).child({ correlationId: 'c-1' });
    logger.info(
      {
        headers: { authorization: 'Bearer secret-1' },
        accessToken: 'secret-2',
        request: { token: 'secret-3' },
      },
      'calling',
    );
    assert.equal(lines.length, 1);
    const record = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    assert.equal(record.correlationId, 'c-1');
    assert.equal(record.msg, 'calling');
    assert.doesNotMatch(lines[0] ?? '', /secret-/);
  });
});
