import assert from 'node:assert/strict';
import type { Clock } from '../../../../src/services/clock.js';
import {
  CustomerDirectory,
  type DirectoryTimers,
} from '../../../../src/services/customers/customerDirectory.js';
import { createSilentLogger } from '../../../../src/services/logging/logger.js';
import { customer, demoLikeCustomers, FakePartnerCenter } from './fakePartnerCenter.js';

class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

class ManualTimers implements DirectoryTimers {
  callback: (() => void) | undefined;
  intervalInMs: number | undefined;
  setInterval(callback: () => void, ms: number): unknown {
    this.callback = callback;
    this.intervalInMs = ms;
    return 1;
  }
  clearInterval(): void {
    this.callback = undefined;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CustomerDirectory', () => {
  let pc: FakePartnerCenter;
  let clock: FixedClock;
  let timers: ManualTimers;
  let directory: CustomerDirectory;

  beforeEach(() => {
    pc = new FakePartnerCenter();
    pc.customers = [...demoLikeCustomers];
    clock = new FixedClock(new Date('2026-11-23T12:00:00Z'));
    timers = new ManualTimers();
    directory = new CustomerDirectory({
      partnerCenter: pc.asPort(),
      clock,
      logger: createSilentLogger(),
      pageSize: 3,
      timers,
    });
  });

  it('loads every page on first use and keeps id, name, domain and market', async () => {
    const found = await directory.find('alands strom');
    assert.equal(found.kind, 'exact');
    assert.deepEqual(found.customer, {
      id: 'c4',
      companyName: 'Ålands Ström AB',
      domain: 'alandsstrom.onmicrosoft.com',
      country: 'SE',
    });
    assert.equal(directory.size, demoLikeCustomers.length);
    assert.equal(directory.get('c10')?.companyName, 'Northwind Traders');
  });

  it('shares one load between concurrent refreshes and finds', async () => {
    const gate = deferred();
    pc.gate = gate.promise;
    const calls = [
      directory.refresh(),
      directory.refresh(),
      directory.find('contoso'),
      directory.find('fabri'),
    ];
    gate.resolve();
    const [, , contoso, fabri] = await Promise.all(calls);
    assert.equal(pc.listCustomersCalls, 1);
    assert.equal(contoso?.kind, 'exact');
    assert.equal(fabri?.kind, 'choices');
    await directory.refresh();
    assert.equal(pc.listCustomersCalls, 2, 'a refresh after the first finished loads again');
  });

  it('refreshes once on a miss and finds a customer added since the last load', async () => {
    await directory.refresh();
    pc.customers.push(customer('c11', 'Woodgrove Bank AB', 'woodgrove.onmicrosoft.com', 'SE'));
    clock.advance(61_000);
    const found = await directory.find('woodgrove');
    assert.equal(found.kind, 'exact');
    assert.equal(found.customer.id, 'c11');
    assert.equal(pc.listCustomersCalls, 2);
  });

  it('does not refresh on a miss when the list was loaded moments ago', async () => {
    await directory.refresh();
    clock.advance(5_000);
    const found = await directory.find('Woodgrove Bank');
    assert.equal(found.kind, 'none');
    assert.equal(pc.listCustomersCalls, 1);
  });

  it('does not refresh on a hit', async () => {
    await directory.refresh();
    clock.advance(3_600_000);
    await directory.find('Contoso');
    assert.equal(pc.listCustomersCalls, 1);
  });

  it('keeps answering from the previous list when a refresh fails', async () => {
    await directory.refresh();
    pc.failListing = true;
    await assert.rejects(directory.refresh(), /listing failed/);
    clock.advance(120_000);
    const found = await directory.find('Bäckström');
    assert.equal(found.kind, 'exact');
    const missed = await directory.find('Woodgrove Bank');
    assert.equal(missed.kind, 'none', 'a failed refresh on a miss still answers');
  });

  it('fails the first find when no list could ever be loaded', async () => {
    pc.failListing = true;
    await assert.rejects(directory.find('Contoso'), /listing failed/);
  });

  it('refreshes in the background on its interval until stopped', async () => {
    directory.start();
    assert.equal(timers.intervalInMs, 15 * 60_000);
    timers.callback?.();
    await directory.refresh();
    assert.equal(pc.listCustomersCalls, 1, 'the tick and the explicit refresh shared one load');
    pc.failListing = true;
    timers.callback?.();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(directory.size, demoLikeCustomers.length, 'a failed tick keeps the list');
    directory.stop();
    assert.equal(timers.callback, undefined);
  });
});
