import type { Actor } from '@hemotrace/kernel';
import { newId } from '@hemotrace/kernel';
import { ConcurrencyError } from '../errors';
import type { RecordedEvent } from '../envelope';
import type { AppendMetadata, EventStore, LogCheckpoint } from '../event-store.port';
import { LOG_START } from '../event-store.port';
import { verifyEvents, verifyStore } from '../verify';

/** Ways to damage the stored log directly, bypassing the store, as an attacker with database access could. */
export interface Tamperer {
  changeData(eventId: string, data: unknown): Promise<void>;
  remove(eventId: string): Promise<void>;
  swapPayloads(firstEventId: string, secondEventId: string): Promise<void>;
}

export interface ContractHarness {
  store: EventStore;
  tamperer?: Tamperer;
  /**
   * False only for KurrentDB servers older than 25.1 (no multiStreamAppend): their fallback
   * appends stream by stream, reservation first, and a retry completes the rest, so the atomicity
   * tests below do not hold there and are left out.
   */
  atomicMultiStream?: boolean;
  teardown?: () => Promise<void>;
}

const actor: Actor = { userId: 'u-lab-1', role: 'laboratory', siteId: 'SITE-A' };

const metadata = (overrides: Partial<AppendMetadata> = {}): AppendMetadata => ({
  actor,
  correlationId: newId(),
  occurredAt: '2026-03-01T08:00:00.000Z',
  ...overrides,
});

const marker = (n: number) => ({ type: 'MarkerResultRecorded', data: { n, marker: 'HIV', value: 0.12 } });

const readWholeLog = async (store: EventStore, batchSize = 1000): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  let checkpoint: LogCheckpoint = LOG_START;
  for (;;) {
    const batch = await store.readAll(checkpoint, batchSize);
    if (batch.events.length === 0) return all;
    all.push(...batch.events);
    checkpoint = batch.checkpoint;
  }
};

/** One suite, every adapter (issue 2): memory, SQLite, PostgreSQL, KurrentDB. */
export const eventStoreContract = (name: string, open: () => Promise<ContractHarness>): void => {
  describe(`${name} event store contract`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    const stream = () => `DonationTesting-${newId()}`;

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.store.close();
      await harness.teardown?.();
    });

    it('records the whole envelope, numbering the stream from 1 and chaining hashes', async () => {
      const id = stream();
      const meta = metadata({ commandId: newId(), causationId: 'cause-1' });
      const result = await store.append({
        streamId: id,
        events: [marker(1), marker(2)],
        expectedVersion: 'no_stream',
        metadata: meta,
      });
      expect(result.version).toBe(2);
      const [first, second] = await store.readStream(id);
      expect(first).toMatchObject({
        type: 'MarkerResultRecorded',
        schemaVersion: 1,
        streamId: id,
        streamVersion: 1,
        occurredAt: meta.occurredAt,
        actor,
        correlationId: meta.correlationId,
        causationId: 'cause-1',
        commandId: meta.commandId,
        data: { n: 1, marker: 'HIV', value: 0.12 },
        prevHash: '0'.repeat(64),
      });
      expect(first.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(first.recordedAt)).not.toBeNaN();
      expect(second.prevHash).toBe(first.hash);
      expect(second.streamVersion).toBe(2);
      expect(verifyEvents([first, second]).ok).toBe(true);
    });

    it('refuses a stale expected version and a second creation of the same stream', async () => {
      const id = stream();
      await store.append({
        streamId: id,
        events: [marker(1)],
        expectedVersion: 'no_stream',
        metadata: metadata(),
      });
      await expect(
        store.append({
          streamId: id,
          events: [marker(2)],
          expectedVersion: 'no_stream',
          metadata: metadata(),
        }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(
        store.append({ streamId: id, events: [marker(2)], expectedVersion: 0, metadata: metadata() }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await store.append({ streamId: id, events: [marker(2)], expectedVersion: 1, metadata: metadata() });
      await store.append({ streamId: id, events: [marker(3)], expectedVersion: 'any', metadata: metadata() });
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    });

    it('lets exactly one of many concurrent writers win each version', async () => {
      const id = stream();
      await store.append({
        streamId: id,
        events: [marker(0)],
        expectedVersion: 'no_stream',
        metadata: metadata(),
      });
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          store.append({ streamId: id, events: [marker(i + 1)], expectedVersion: 1, metadata: metadata() }),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      for (const failed of attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) {
        expect(failed.reason).toBeInstanceOf(ConcurrencyError);
      }
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('writes a retried command only once and returns the first result', async () => {
      const id = stream();
      const meta = metadata({ commandId: newId() });
      const first = await store.append({
        streamId: id,
        events: [marker(1), marker(2)],
        expectedVersion: 'no_stream',
        metadata: meta,
      });
      const retry = await store.append({
        streamId: id,
        events: [marker(1), marker(2)],
        expectedVersion: 'no_stream',
        metadata: meta,
      });
      expect(retry.duplicate).toBe(true);
      expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('shows a stream as it was known at a point in time', async () => {
      const id = stream();
      await store.append({
        streamId: id,
        events: [marker(1)],
        expectedVersion: 'no_stream',
        metadata: metadata(),
      });
      const [known] = await store.readStream(id);
      await new Promise((resolve) => setTimeout(resolve, 15));
      await store.append({ streamId: id, events: [marker(2)], expectedVersion: 1, metadata: metadata() });
      const asOf = await store.readStream(id, { recordedUpTo: known.recordedAt });
      expect(asOf.map((e) => e.streamVersion)).toEqual([1]);
    });

    it('reads the global log in order, in batches, from any checkpoint, skipping nothing', async () => {
      const before = (await readWholeLog(store)).length;
      const ids = [stream(), stream(), stream()];
      for (let i = 0; i < 30; i++) {
        const id = ids[i % 3];
        await store.append({
          streamId: id,
          events: [marker(i)],
          expectedVersion: 'any',
          metadata: metadata(),
        });
      }
      const log = (await readWholeLog(store, 7)).slice(before);
      expect(log.map((e) => (e.data as { n: number }).n)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      const positions = log.map((e) => e.globalPosition);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(30);
    });

    it('reads only the asked types when filtering, moving the checkpoint past the others', async () => {
      const id = stream();
      const start = (await store.readAll(LOG_START, 1_000_000)).checkpoint;
      const kinds = ['SampleReceived', 'MarkerResultRecorded', 'SampleReceived', 'DonationQualified'];
      for (const type of kinds) {
        await store.append({
          streamId: id,
          events: [{ type, data: {} }],
          expectedVersion: 'any',
          metadata: metadata(),
        });
      }
      const seen: string[] = [];
      let checkpoint = start;
      for (let guard = 0; guard < 20; guard++) {
        const batch = await store.readAll(checkpoint, 1, { types: ['SampleReceived', 'DonationQualified'] });
        seen.push(...batch.events.filter((e) => e.streamId === id).map((e) => e.type));
        if (batch.checkpoint === checkpoint) break;
        checkpoint = batch.checkpoint;
      }
      expect(seen.filter((t) => t !== 'MarkerResultRecorded')).toEqual([
        'SampleReceived',
        'SampleReceived',
        'DonationQualified',
      ]);
      expect((await store.readAll(checkpoint, 10)).events).toEqual([]);
    });

    it('delivers every event to a subscriber, including those appended after it started', async () => {
      const id = stream();
      await store.append({ streamId: id, events: [marker(1)], expectedVersion: 'any', metadata: metadata() });
      const seen: number[] = [];
      const done = new Promise<void>((resolve) => {
        const subscription = store.subscribe(
          LOG_START,
          async (batch) => {
            for (const e of batch.events) if (e.streamId === id) seen.push((e.data as { n: number }).n);
            if (seen.length === 5) {
              resolve();
              void subscription.stop();
            }
          },
          { pollIntervalMs: 20, batchSize: 2 },
        );
      });
      for (let i = 2; i <= 5; i++) {
        await store.append({
          streamId: id,
          events: [marker(i)],
          expectedVersion: 'any',
          metadata: metadata(),
        });
      }
      await done;
      expect(seen).toEqual([1, 2, 3, 4, 5]);
    });

    it('keeps a large stream whole and verifiable', async () => {
      const id = stream();
      for (let batch = 0; batch < 20; batch++) {
        const events = Array.from({ length: 100 }, (_, i) => marker(batch * 100 + i));
        await store.append({
          streamId: id,
          events,
          expectedVersion: batch * 100 || 'no_stream',
          metadata: metadata(),
        });
      }
      const events = await store.readStream(id);
      expect(events).toHaveLength(2000);
      expect(events.at(-1)!.streamVersion).toBe(2000);
      expect(verifyEvents(events).ok).toBe(true);
    });

    it('keeps the trace context of each append, outside the hash, in reads, the log, multi-stream appends and copies', async () => {
      const traced = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const [id, other, plain] = [stream(), stream(), stream()];
      await store.append({
        streamId: id,
        events: [marker(1), marker(2)],
        expectedVersion: 'no_stream',
        metadata: metadata({ traceparent: traced }),
      });
      await store.appendMany([
        {
          streamId: other,
          events: [marker(1)],
          expectedVersion: 'no_stream',
          metadata: metadata({ traceparent: traced }),
        },
        { streamId: plain, events: [marker(1)], expectedVersion: 'no_stream', metadata: metadata() },
      ]);
      const stored = await store.readStream(id);
      expect(stored.map((e) => e.traceparent)).toEqual([traced, traced]);
      expect((await store.readStream(other))[0].traceparent).toBe(traced);
      expect((await store.readStream(plain))[0]).not.toHaveProperty('traceparent');
      const logged = (await readWholeLog(store)).filter((e) => [id, other, plain].includes(e.streamId));
      expect(logged.map((e) => e.traceparent ?? null)).toEqual([traced, traced, traced, null]);
      expect(verifyEvents(stored).ok).toBe(true);
      expect(verifyEvents(stored.map((e) => ({ ...e, traceparent: undefined }))).ok).toBe(true);
      const target = await open();
      try {
        await target.store.importRecorded(stored);
        expect((await target.store.readStream(id)).map((e) => e.traceparent)).toEqual([traced, traced]);
      } finally {
        await target.store.close();
        await target.teardown?.();
      }
    });

    it('copies recorded events into another store keeping ids and hashes', async () => {
      const id = stream();
      await store.append({
        streamId: id,
        events: [marker(1), marker(2)],
        expectedVersion: 'no_stream',
        metadata: metadata(),
      });
      const original = await store.readStream(id);
      const target = await open();
      try {
        await target.store.importRecorded(original);
        const copy = await target.store.readStream(id);
        expect(copy.map((e) => [e.eventId, e.hash, e.recordedAt])).toEqual(
          original.map((e) => [e.eventId, e.hash, e.recordedAt]),
        );
      } finally {
        await target.store.close();
        await target.teardown?.();
      }
    });

    describe('multi-stream append', () => {
      const fact = (meta: AppendMetadata, first: string, second: string, third: string) => [
        { streamId: first, events: [marker(1)], expectedVersion: 'no_stream' as const, metadata: meta },
        {
          streamId: second,
          events: [marker(2), marker(3)],
          expectedVersion: 'no_stream' as const,
          metadata: meta,
        },
        { streamId: third, events: [marker(4)], expectedVersion: 1, metadata: meta },
      ];
      const atomic = () => harness.atomicMultiStream !== false;

      it('writes every stream with its own expected version, each chained from its own head', async () => {
        const [a, b, c] = [stream(), stream(), stream()];
        await store.append({
          streamId: c,
          events: [marker(0)],
          expectedVersion: 'no_stream',
          metadata: metadata(),
        });
        const results = await store.appendMany(fact(metadata({ commandId: newId() }), a, b, c));
        expect(results.map((r) => [r.streamId, r.version, r.duplicate])).toEqual([
          [a, 1, false],
          [b, 2, false],
          [c, 2, false],
        ]);
        const streams = await Promise.all([a, b, c].map((id) => store.readStream(id)));
        expect(streams.map((events) => events.map((e) => (e.data as { n: number }).n))).toEqual([
          [1],
          [2, 3],
          [0, 4],
        ]);
        for (const events of streams) expect(verifyEvents(events).ok).toBe(true);
        expect(results[0].events[0].eventId).toBe(streams[0][0].eventId);
      });

      it('writes nothing of the first streams when a later stream is not at its expected version', async () => {
        if (!atomic()) return;
        const [a, b, c] = [stream(), stream(), stream()];
        const before = (await readWholeLog(store)).length;
        await expect(store.appendMany(fact(metadata({ commandId: newId() }), a, b, c))).rejects.toMatchObject(
          {
            code: 'STORE.CONCURRENCY_CONFLICT',
            streamId: c,
          },
        );
        expect(await store.readStream(a)).toEqual([]);
        expect(await store.readStream(b)).toEqual([]);
        expect((await readWholeLog(store)).length).toBe(before);
      });

      it('writes nothing at all when the append fails in the middle, between two streams', async () => {
        if (!atomic()) return;
        const [a, b] = [stream(), stream()];
        const before = (await readWholeLog(store)).length;
        const faulty = {
          get marker(): string {
            throw new Error('injected fault between streams');
          },
        };
        await expect(
          store.appendMany([
            { streamId: a, events: [marker(1)], expectedVersion: 'no_stream', metadata: metadata() },
            {
              streamId: b,
              events: [{ type: 'MarkerResultRecorded', data: faulty }],
              expectedVersion: 'no_stream',
              metadata: metadata(),
            },
          ]),
        ).rejects.toThrow('injected fault between streams');
        expect(await store.readStream(a)).toEqual([]);
        expect((await readWholeLog(store)).length).toBe(before);
        await store.appendMany([
          { streamId: a, events: [marker(1)], expectedVersion: 'no_stream', metadata: metadata() },
          { streamId: b, events: [marker(2)], expectedVersion: 'no_stream', metadata: metadata() },
        ]);
        expect((await store.readStream(a)).map((e) => e.streamVersion)).toEqual([1]);
      });

      it('lets exactly one of two concurrent facts reserve a stream; the loser writes nothing anywhere', async () => {
        if (!atomic()) return;
        const reservation = stream();
        const losers = [stream(), stream(), stream(), stream()];
        const attempts = await Promise.allSettled(
          losers.map((own) =>
            store.appendMany([
              { streamId: own, events: [marker(1)], expectedVersion: 'no_stream', metadata: metadata() },
              {
                streamId: reservation,
                events: [marker(2)],
                expectedVersion: 'no_stream',
                metadata: metadata(),
              },
            ]),
          ),
        );
        expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
        for (const failed of attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) {
          expect(failed.reason).toBeInstanceOf(ConcurrencyError);
        }
        const written = await Promise.all(losers.map((id) => store.readStream(id)));
        expect(written.filter((events) => events.length > 0)).toHaveLength(1);
        expect(await store.readStream(reservation)).toHaveLength(1);
      });

      it('answers a whole retry with the first events, and refuses a twin that came in between', async () => {
        const [a, b, c] = [stream(), stream(), stream()];
        await store.append({
          streamId: c,
          events: [marker(0)],
          expectedVersion: 'no_stream',
          metadata: metadata(),
        });
        const meta = metadata({ commandId: newId() });
        const first = await store.appendMany(fact(meta, a, b, c));
        const retry = await store.appendMany(fact(meta, a, b, c));
        expect(retry.map((r) => r.duplicate)).toEqual([true, true, true]);
        expect(retry[1].events.map((e) => e.eventId)).toEqual(first[1].events.map((e) => e.eventId));
        const twin = metadata({ commandId: newId() });
        const [d, e] = [stream(), stream()];
        await store.append({
          streamId: d,
          events: [marker(1)],
          expectedVersion: 'no_stream',
          metadata: twin,
        });
        await expect(
          store.appendMany([
            { streamId: d, events: [marker(1)], expectedVersion: 'no_stream', metadata: twin },
            { streamId: e, events: [marker(2)], expectedVersion: 'no_stream', metadata: twin },
          ]),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(e)).toEqual([]);
        expect((await store.readStream(b)).length).toBe(2);
        expect((await store.readStream(c)).length).toBe(2);
      });

      it('refuses one stream named twice in one append', async () => {
        const a = stream();
        await expect(
          store.appendMany([
            { streamId: a, events: [marker(1)], expectedVersion: 'no_stream', metadata: metadata() },
            { streamId: a, events: [marker(2)], expectedVersion: 1, metadata: metadata() },
          ]),
        ).rejects.toMatchObject({ code: 'STORE.STREAM_TWICE_IN_APPEND' });
        expect(await store.readStream(a)).toEqual([]);
      });
    });

    describe('integrity', () => {
      const seed = async () => {
        const id = stream();
        await store.append({
          streamId: id,
          events: [marker(1), marker(2), marker(3)],
          expectedVersion: 'no_stream',
          metadata: metadata(),
        });
        return store.readStream(id);
      };

      it('verifies an untouched store', async () => {
        await seed();
        const report = await verifyStore(store);
        expect(report.ok).toBe(true);
        expect(report.eventsChecked).toBeGreaterThanOrEqual(3);
      });

      it('detects a changed event', async () => {
        if (!harness.tamperer) return;
        const events = await seed();
        await harness.tamperer.changeData(events[1].eventId, { n: 2, marker: 'HIV', value: 9.99 });
        const report = await verifyStore(store);
        expect(report.ok).toBe(false);
        expect(report.findings).toContainEqual(
          expect.objectContaining({ problem: 'HASH_MISMATCH', eventId: events[1].eventId }),
        );
      });

      it('detects a removed event', async () => {
        if (!harness.tamperer) return;
        const events = await seed();
        await harness.tamperer.remove(events[1].eventId);
        const report = await verifyStore(store);
        expect(report.findings.map((f) => f.problem)).toEqual(
          expect.arrayContaining(['VERSION_GAP', 'BROKEN_CHAIN']),
        );
      });

      it('detects reordered events', async () => {
        if (!harness.tamperer) return;
        const events = await seed();
        await harness.tamperer.swapPayloads(events[0].eventId, events[2].eventId);
        const report = await verifyStore(store);
        expect(report.ok).toBe(false);
        expect(report.findings.some((f) => f.eventId === events[0].eventId)).toBe(true);
      });
    });
  });
};
