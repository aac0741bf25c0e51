import * as crypto from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, undefined members dropped, no whitespace.
 * The hash chain depends on it, so it must stay byte-stable for the life of the data (30 years):
 * written as loops for speed, it is tested byte for byte against the original form
 * (testing/original-canonical-json.ts), holes of sparse arrays included.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('Non-finite numbers cannot be stored');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      if (!(i in value)) continue;
      const item: unknown = value[i];
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  /* The default sort orders by UTF-16 code units, as `<` on strings does. */
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
};

/* The one-shot crypto.hash (Node 20.12+) skips building a Hash object per event; same digest. */
export const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
