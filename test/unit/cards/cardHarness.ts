import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Parsing with the adaptivecards package (its `dist` bundle; the ESM `lib` doesn't load in Node). */
interface ParseEvent {
  phase: number;
  event: number;
  message: string;
}
interface SerializationContext {
  readonly eventCount: number;
  getEventAt(index: number): ParseEvent;
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: SerializationContext): void;
    toJSON(context: SerializationContext): unknown;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new (version: unknown) => SerializationContext;
  Versions: { v1_5: unknown };
}

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

function propertyPaths(value: unknown, path: string, paths: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item, index) => propertyPaths(item, `${path}[${index}]`, paths));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      paths.add(`${path}.${key}`);
      propertyPaths(item, `${path}.${key}`, paths);
    }
  }
  return paths;
}

/**
 * Every parse and validation message the package reports for a card at version 1.5, plus every property
 * it dropped on the way back to JSON: the parser ignores unknown (e.g. misspelled) properties silently,
 * so a round trip is what catches them. Cards therefore don't spell out default values either.
 */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) problems.push(context.getEventAt(index).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  const kept = propertyPaths(parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5)), '', new Set());
  for (const path of propertyPaths(card, '', new Set())) {
    if (!kept.has(path)) problems.push(`property dropped by the parser: ${path}`);
  }
  return problems;
}

const snapshotDir = fileURLToPath(new URL('./__snapshots__/', import.meta.url));

/**
 * Compares with the stored snapshot; `UPDATE_SNAPSHOTS=1` (re)writes it. A missing snapshot fails
 * otherwise, so a run without snapshots can't pass by accident.
 */
export function assertSnapshot(name: string, value: unknown): void {
  const file = `${snapshotDir}${name}.json`;
  const actual: unknown = JSON.parse(JSON.stringify(value));
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(snapshotDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  assert.ok(existsSync(file), `snapshot ${name}.json is missing: run with UPDATE_SNAPSHOTS=1`);
  assert.deepEqual(actual, JSON.parse(readFileSync(file, 'utf8')));
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((item) => walk(item, visit));
  else if (value !== null && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    Object.values(value).forEach((item) => walk(item, visit));
  }
}

/** Every text a reader sees: TextBlock texts, fact titles and values, labels, action titles. */
export function textsOf(card: unknown): string[] {
  const texts: string[] = [];
  walk(card, (node) => {
    for (const key of ['text', 'title', 'value', 'label', 'errorMessage']) {
      if (typeof node[key] === 'string') texts.push(node[key]);
    }
  });
  return texts;
}

/** The card's text joined, for `match`. */
export function allText(card: unknown): string {
  return textsOf(card).join('\n');
}

/** Every Action.Execute in the card, wherever it sits. */
export function executeActions(card: unknown): { title: string; verb: string; data: Record<string, Json> }[] {
  const actions: { title: string; verb: string; data: Record<string, Json> }[] = [];
  walk(card, (node) => {
    if (node.type === 'Action.Execute') {
      actions.push(node as unknown as { title: string; verb: string; data: Record<string, Json> });
    }
  });
  return actions;
}
