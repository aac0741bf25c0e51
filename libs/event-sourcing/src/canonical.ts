import * as crypto from 'node:crypto';

/** A code unit that JSON.stringify writes other than as itself: quote, backslash, control, surrogate. */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON escapes
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A leaf as JSON.stringify writes it. A string with nothing to escape is the string in quotes, which
 * is what JSON.stringify returns for it; anything else goes through JSON.stringify itself.
 */
const scalarJson = (value: unknown): string => {
  if (typeof value === 'string') return ESCAPED.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error('Non-finite numbers cannot be stored');
  return JSON.stringify(value);
};

const MEMBER_NAMES_KEPT = 10_000;
const MEMBER_NAME_KEPT_LENGTH = 64;
const memberPrefixes = new Map<string, string>();

/** `"name":` for an object member. Events repeat the same few names, so their quoted form is kept (bounded). */
const memberPrefix = (name: string): string => {
  let prefix = memberPrefixes.get(name);
  if (prefix === undefined) {
    prefix = `${scalarJson(name)}:`;
    if (memberPrefixes.size < MEMBER_NAMES_KEPT && name.length <= MEMBER_NAME_KEPT_LENGTH)
      memberPrefixes.set(name, prefix);
  }
  return prefix;
};

const INSERTION_SORT_MAX = 16;

/**
 * Member names in UTF-16 code unit order, as the default sort and `<` order strings. Names are
 * distinct, so every sort gives the same order; a few names sort faster by insertion, and most
 * objects arrive in the same order every time.
 */
const sortedNames = (record: object): string[] => {
  const names = Object.keys(record);
  if (names.length > INSERTION_SORT_MAX) return names.sort();
  for (let i = 1; i < names.length; i += 1) {
    const name = names[i];
    let j = i - 1;
    if (names[j] < name) continue;
    while (j >= 0 && names[j] > name) {
      names[j + 1] = names[j];
      j -= 1;
    }
    names[j + 1] = name;
  }
  return names;
};

/**
 * Canonical JSON: object keys sorted, undefined members dropped, no whitespace.
 * The hash chain depends on it, so it must stay byte-stable for the life of the data (30 years):
 * written as loops for speed, it is tested byte for byte against the original form
 * (testing/original-canonical-json.ts), holes of sparse arrays included, over stored and
 * generated values (canonical.spec.ts).
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return scalarJson(value);
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
  const names = sortedNames(record);
  let out = '{';
  let first = true;
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i];
    const member = record[name];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += memberPrefix(name);
    out += member === null || typeof member !== 'object' ? scalarJson(member) : canonicalJson(member);
  }
  return `${out}}`;
};

/* The one-shot crypto.hash (Node 20.12+) skips building a Hash object per event; same digest. */
export const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
