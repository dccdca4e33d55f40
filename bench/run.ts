import { mkdirSync, writeFileSync } from 'node:fs';
import { runLicenseThroughputBench } from './licenseThroughput.js';

/** `npm run bench`: every benchmark, ratios measured in this one run, results also saved as JSON. */
const results = { licenseThroughput: await runLicenseThroughputBench() };
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL(`./results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`, import.meta.url),
  JSON.stringify(results, null, 2),
);
