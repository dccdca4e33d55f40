import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { composeServices } from '../../src/index.js';
import { ConfigError } from '../../src/services/errors.js';
import { createSilentLogger } from '../../src/services/logging/logger.js';

describe('composeServices', () => {
  it('builds the local graph with the sandbox catalog and the demo price list', () => {
    const services = composeServices(loadConfig({ BOT_MODE: 'local' }), createSilentLogger());
    assert.ok(services.customers);
    assert.ok(services.plannerFor({ oid: 'a', tenantId: 't' }));
  });

  it('stops at start, naming the variable, when a configured file is missing or not a catalog', () => {
    const dir = mkdtempSync(join(tmpdir(), 'e4-config-'));
    const notCatalog = join(dir, 'catalog.json');
    writeFileSync(notCatalog, '{"options": 7}');
    for (const [env, variable] of [
      [{ PRICE_LIST_FILE: join(dir, 'missing.csv') }, 'PRICE_LIST_FILE'],
      [{ OPTION_CATALOG_FILE: join(dir, 'missing.json') }, 'OPTION_CATALOG_FILE'],
      [{ OPTION_CATALOG_FILE: notCatalog }, 'OPTION_CATALOG_FILE'],
    ] as const) {
      assert.throws(
        () => composeServices(loadConfig({ BOT_MODE: 'local', ...env }), createSilentLogger()),
        (error: unknown) => error instanceof ConfigError && error.variable === variable,
      );
    }
  });
});
