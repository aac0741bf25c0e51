import type { HashedFields } from './envelope';
import { canonicalJson } from './canonical';
import { canonicalEnvelope } from './hash-chain';
import { originalCanonicalEnvelope, originalCanonicalJson } from './testing/original-canonical-json';

/** A small deterministic generator (mulberry32), so a failing value can be found again by its seed. */
const randomFrom = (seed: number) => {
  let state = seed;
  return (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Code units JSON.stringify escapes or that sit next to them, and ordinary text around them. */
const ALPHABET = [
  'a',
  'Z',
  '0',
  ' ',
  '-',
  ':',
  '"',
  '\\',
  '/',
  '\n',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  'é',
  'ß',
  '\u2028',
  '\u2029',
  '中',
  '\ud83e\udde1',
  '\ud800',
  '\udfff',
  '\ufeff',
  '}',
  '{',
  ',',
];

const generator = (seed: number) => {
  const random = randomFrom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const text = (): string =>
    Array.from({ length: Math.floor(random() * 12) }, () =>
      random() < 0.7 ? pick(['din', 'A9', 'x']) : pick(ALPHABET),
    ).join('');
  const number = (): number =>
    pick([
      0,
      -0,
      1,
      -1,
      0.1,
      1e21,
      1e-7,
      5e-324,
      2 ** 53,
      -(2 ** 53) - 2,
      123.456,
      Math.floor(random() * 1e6) / 100,
    ]);
  const value = (depth: number): unknown => {
    const kind = random();
    if (depth > 3 || kind < 0.35) {
      return pick<() => unknown>([text, number, () => true, () => false, () => null, () => undefined])();
    }
    if (kind < 0.5)
      return new Date(Date.UTC(2000 + Math.floor(random() * 60), 0, 1, 0, 0, 0, Math.floor(random() * 1e9)));
    if (kind < 0.7) {
      const list: unknown[] = Array.from({ length: Math.floor(random() * 5) }, () => value(depth + 1));
      if (random() < 0.2) list.length += 2;
      return list;
    }
    const record: Record<string, unknown> = {};
    const members =
      depth === 0 && random() < 0.15 ? 17 + Math.floor(random() * 20) : Math.floor(random() * 9);
    for (let i = 0; i < members; i += 1) {
      record[
        pick([
          text,
          () => String(Math.floor(random() * 20)),
          () => pick(['din', 'marker', 'value', 'at', '']),
        ])()
      ] = value(depth + 1);
    }
    return record;
  };
  return { value, text };
};

describe('the canonical JSON', () => {
  it('is byte-identical to the original form on thousands of generated values', () => {
    const { value } = generator(15);
    const values = Array.from({ length: 5000 }, () => value(0));
    expect(values.filter((v) => canonicalJson(v) !== originalCanonicalJson(v))).toEqual([]);
  });

  it('is byte-identical to the original form for every generated envelope', () => {
    const { value, text } = generator(7);
    const events = Array.from({ length: 2000 }, (_, i): HashedFields => ({
      eventId: text(),
      type: text(),
      schemaVersion: 1 + (i % 3),
      streamId: text(),
      streamVersion: i + 1,
      occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      recordedAt: text(),
      actor: { userId: text(), role: 'laboratory', siteId: text() },
      correlationId: text(),
      causationId: i % 2 === 0 ? null : text(),
      commandId: i % 5 === 0 ? null : text(),
      data: value(0),
    }));
    expect(events.filter((e) => canonicalEnvelope(e) !== originalCanonicalEnvelope(e))).toEqual([]);
  });

  it('writes every single code unit as the original form does', () => {
    const texts = Array.from({ length: 0x10000 }, (_, unit) => `a${String.fromCharCode(unit)}b`);
    const differing = texts.filter(
      (t) => canonicalJson({ [t]: [t] }) !== originalCanonicalJson({ [t]: [t] }),
    );
    expect(differing).toEqual([]);
  });

  it('orders many members, integer-like names among them, by UTF-16 code units', () => {
    const names = [
      'b',
      'a',
      '10',
      '9',
      '',
      'B',
      'é',
      '\ud83e\udde1',
      'aa',
      '_',
      '~',
      ...'qwertyuiopasdfghjkl',
    ];
    const record = Object.fromEntries(names.map((name, i) => [name, i]));
    expect(canonicalJson(record)).toBe(originalCanonicalJson(record));
    expect(canonicalJson(record).indexOf('"10"')).toBeLessThan(canonicalJson(record).indexOf('"9"'));
  });

  it('refuses non-finite numbers at any depth', () => {
    expect(() => canonicalJson({ a: [1, { b: Number.POSITIVE_INFINITY }] })).toThrow('Non-finite');
    expect(() => canonicalJson(Number.NaN)).toThrow('Non-finite');
  });
});
