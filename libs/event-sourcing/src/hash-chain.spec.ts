import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { HashedFields, RecordedEvent } from './envelope';
import { GENESIS_HASH } from './envelope';
import { canonicalJson } from './canonical';
import { canonicalEnvelope, computeEventHash } from './hash-chain';
import { originalCanonicalEnvelope, originalCanonicalJson } from './testing/original-canonical-json';

/** Rows of a demo store written (`hemotrace demo --donations 10`) before the fixed-shape form existed. */
const storedBefore = (): RecordedEvent[] =>
  gunzipSync(readFileSync(join(__dirname, 'testing/fixtures/demo-store-2026-12.jsonl.gz')))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      return {
        eventId: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        globalPosition: row.global_position,
        occurredAt: row.occurred_at,
        recordedAt: row.recorded_at,
        actor: JSON.parse(row.actor as string),
        correlationId: row.correlation_id,
        causationId: row.causation_id,
        commandId: row.command_id,
        data: JSON.parse(row.data as string),
        prevHash: row.prev_hash,
        hash: row.hash,
      } as RecordedEvent;
    });

const envelope = (overrides: Partial<HashedFields> = {}): HashedFields => ({
  eventId: '0190a1b2-0000-7000-8000-000000000001',
  type: 'MarkerResultRecorded',
  schemaVersion: 1,
  streamId: 'DonationTesting-A999926000101',
  streamVersion: 3,
  occurredAt: '2026-03-01T08:09:00.000Z',
  recordedAt: '2026-03-01T08:10:00.000Z',
  actor: { userId: 'u-1', role: 'laboratory', siteId: 'BC-1' },
  correlationId: 'c-1',
  causationId: null,
  commandId: 'cmd-1',
  data: { din: 'A999926000101', marker: 'HBV', value: 0.18 },
  ...overrides,
});

describe('the canonical form of an envelope', () => {
  it('is byte-identical to the generic canonical JSON on every event of a store written before it, and every stored hash still verifies', () => {
    const events = storedBefore();
    expect(events.length).toBeGreaterThan(250);
    const heads = new Map<string, string>();
    for (const event of events) {
      expect(canonicalEnvelope(event)).toBe(originalCanonicalEnvelope(event));
      expect(event.prevHash).toBe(heads.get(event.streamId) ?? GENESIS_HASH);
      expect(computeEventHash(event.prevHash, event)).toBe(event.hash);
      heads.set(event.streamId, event.hash);
    }
  });

  it.each([
    ['data with unsorted, unicode and nested keys', { data: { z: 1, é: [1, { b: 2, a: 1 }], A: 'x' } }],
    ['data with undefined members and array holes', { data: { a: undefined, list: [1, undefined, 'two'] } }],
    ['strings that need escaping', { correlationId: 'quote " backslash \\ newline \n \u2028' }],
    [
      'numbers at the edges',
      { data: { negativeZero: -0, big: 1e21, small: 5e-7, max: Number.MAX_SAFE_INTEGER } },
    ],
    ['a causation and no command', { causationId: 'evt-9', commandId: null }],
    [
      'an actor with extra fields',
      { actor: { userId: 'u', siteId: 'S', role: 'admin', onBehalfOf: 'x' } as never },
    ],
    ['data that is not an object', { data: ['a', 1, null, true] }],
    ['data that is null', { data: null }],
    ['data that is missing', { data: undefined }],
    [
      'a sparse array and a date',
      { data: { holes: new Array<number>(3).fill(1, 0, 1), at: new Date(Date.UTC(2026, 0, 1)) } },
    ],
    ['integer-like keys', { data: { '10': 'a', '9': 'b', b: 1, a: 2, '': 0 } }],
    ['a missing command id', { commandId: undefined as never }],
  ])('matches the generic form for %s', (_, overrides) => {
    const event = envelope(overrides as Partial<HashedFields>);
    expect(canonicalEnvelope(event)).toBe(originalCanonicalEnvelope(event));
  });

  it('writes every event of the store written before it byte for byte as the original generic form, member by member', () => {
    for (const event of storedBefore()) {
      expect(canonicalJson(event.data)).toBe(originalCanonicalJson(event.data));
      expect(canonicalJson(event)).toBe(originalCanonicalJson(event));
    }
  });

  it('refuses non-finite numbers as the generic form does', () => {
    expect(() => canonicalEnvelope(envelope({ data: { x: Number.NaN } }))).toThrow('Non-finite');
  });
});
