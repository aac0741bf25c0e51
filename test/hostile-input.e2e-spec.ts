import fc from 'fast-check';
import { getMetadataStorage } from 'class-validator';
import type { EventStore, LogCheckpoint, RecordedEvent } from '@hemotrace/event-sourcing';
import { EVENT_STORE, LOG_START } from '@hemotrace/event-sourcing';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/** Seeded and bounded (issue 13): HEMOTRACE_FUZZ_SEED and HEMOTRACE_FUZZ_RUNS change them. */
const SEED = Number(process.env.HEMOTRACE_FUZZ_SEED ?? 1313);
const RUNS = Number(process.env.HEMOTRACE_FUZZ_RUNS ?? 500);

interface SchemaObject {
  type?: string;
  $ref?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  enum?: unknown[];
}

interface WriteOperation {
  method: 'post' | 'put' | 'patch' | 'delete';
  path: string;
  schema: SchemaObject;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: SchemaObject }> } }>
  >;
  components: { schemas: Record<string, SchemaObject> };
}

const resolve = (doc: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject => {
  if (!schema) return {};
  if (schema.$ref) return doc.components.schemas[schema.$ref.split('/').at(-1)!] ?? {};
  return schema;
};

const writeOperations = (doc: OpenApiDocument): WriteOperation[] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    (['post', 'put', 'patch', 'delete'] as const)
      .filter((method) => item[method])
      .map((method) => ({
        method,
        path,
        schema: resolve(doc, item[method]!.requestBody?.content?.['application/json']?.schema),
      })),
  );

const hostileIds = [
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  'x'.repeat(400),
  "'%20OR%201%3D1--",
  '%F0%9F%A9%B8',
  '__proto__',
  'constructor',
  '%E2%80%AE',
  'A999921123456',
  '019300a0-0000-7000-8000-000000000000',
  '-1',
  '%C0%AF',
];

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A JSON text with a key JSON.stringify could never write as an own property (e.g. __proto__). */
const withRawKey = (body: Record<string, unknown>, key: string, value: unknown): string => {
  const text = JSON.stringify(body);
  const extra = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return text === '{}' ? `{${extra}}` : `${text.slice(0, -1)},${extra}}`;
};

const deeplyNested = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const controlText = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 40 })
  .map((s) => `\u0000${s}\u001b\u007f`);

/** A body for one operation: the raw text sent as application/json. */
const hostileBody = (op: WriteOperation): fc.Arbitrary<string> => {
  const names = Object.keys(op.schema.properties ?? {});
  const known = names.length > 0 ? fc.constantFrom(...names) : fc.constant('field');
  const objectOf = (value: fc.Arbitrary<unknown>) =>
    fc.dictionary(known, value, { maxKeys: Math.max(1, names.length) });
  return fc.oneof(
    fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"x":1}}', '\u0000', '{"a":"\\ud800"}', "{'a':1}", ''),
    fc.string({ maxLength: 30 }).map((s) => `{${s}`),
    objectOf(fc.jsonValue({ maxDepth: 3 })).map((o) => JSON.stringify(o)),
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
    fc
      .tuple(objectOf(fc.jsonValue({ maxDepth: 1 })), fc.constantFrom(...PROTOTYPE_KEYS, 'unknownField'))
      .map(([o, key]) => withRawKey(o as Record<string, unknown>, key, { polluted: true })),
    fc
      .tuple(fc.integer({ min: 33, max: 4000 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
      .map(([depth, kind]) => deeplyNested(depth, kind)),
    fc
      .tuple(known, fc.integer({ min: 33, max: 2000 }))
      .map(([k, depth]) => `{"${k}":${deeplyNested(depth, 'array')}}`),
    objectOf(controlText).map((o) => JSON.stringify(o)),
    fc.constantFrom(300_000, 100_000).map((size) => JSON.stringify({ note: 'x'.repeat(size) })),
  );
};

describe('hostile input over HTTP, from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.anonymous().get('/api/docs-json').expect(200)).body as OpenApiDocument;
  });

  afterAll(async () => {
    await t.close();
  });

  const wholeLog = async (): Promise<RecordedEvent[]> => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const all: RecordedEvent[] = [];
    let checkpoint: LogCheckpoint = LOG_START;
    for (;;) {
      const batch = await store.readAll(checkpoint, 5000);
      if (batch.events.length === 0) return all;
      all.push(...batch.events);
      checkpoint = batch.checkpoint;
    }
  };

  it('refuses a 6 KB body of nested arrays with 400, not a stack overflow', async () => {
    const res = await t
      .as('admin')
      .post('/api/v1/donors')
      .set('Content-Type', 'application/json')
      .send(`{"name":${deeplyNested(3000, 'array')}}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it.each(PROTOTYPE_KEYS)('refuses a %s key like any unknown field, and writes nothing', async (key) => {
    const before = (await wholeLog()).length;
    const body = {
      name: 'Li Wei',
      document: { type: 'PASSPORT', number: 'E99887766' },
      birthDate: '1990-05-01',
      sex: 'M',
      contact: {},
    };
    for (const text of [
      withRawKey(body, key, { admin: true }),
      `{${JSON.stringify(key)}:{"admin":true},${JSON.stringify(body).slice(1)}`,
    ]) {
      const res = await t
        .as('donor-clinic')
        .post('/api/v1/donors')
        .set('Content-Type', 'application/json')
        .send(text);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.errors)).toContain(key);
    }
    const nested = JSON.stringify(body).replace('"contact":{}', `"contact":{"${key}":{"x":1}}`);
    const res = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .set('Content-Type', 'application/json')
      .send(nested);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: `contact.${key}`, messages: [`property ${key} should not exist`] },
    ]);
    expect((await wholeLog()).length).toBe(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('requires in the OpenAPI document exactly the fields the validator requires', () => {
    const storage = getMetadataStorage();
    type Target = abstract new (...args: never[]) => unknown;
    const targets = new Map<string, Target>();
    for (const target of (
      storage as unknown as { validationMetadatas: Map<Target, unknown> }
    ).validationMetadatas.keys()) {
      targets.set(target.name, target);
    }
    const compared: string[] = [];
    const mismatches: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      const target = targets.get(name);
      if (!target || !schema.properties) continue;
      const metadata = storage.getTargetValidationMetadatas(target, '', true, false);
      const optional = new Set(
        metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
      );
      const required = [...new Set(metadata.map((m) => m.propertyName))]
        .filter((p) => !optional.has(p))
        .sort();
      compared.push(name);
      const documented = [...(schema.required ?? [])].sort();
      if (JSON.stringify(required) !== JSON.stringify(documented)) {
        mismatches.push(`${name}: validator requires [${required}], document [${documented}]`);
      }
    }
    expect(compared.length).toBeGreaterThan(20);
    expect(mismatches).toEqual([]);
  });

  it('answers every write operation fed hostile input below 500, and no refused request writes', async () => {
    const operations = writeOperations(doc);
    expect(operations.length).toBeGreaterThan(40);
    const before = (await wholeLog()).length;
    const refused = new Set<string>();
    const accepted = new Set<string>();
    const failures: string[] = [];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations).chain((op) =>
          fc.record({
            op: fc.constant(op),
            body: hostileBody(op),
            id: fc.constantFrom(...hostileIds),
            who: fc.constantFrom('admin', 'anonymous', 'hospital', 'quality-auditor'),
          }),
        ),
        async ({ op, body, id, who }) => {
          const correlationId = `fuzz-${SEED}-${++n}`;
          const url = op.path.replace(/\{[^}]+\}/g, id);
          const agent = who === 'anonymous' ? t.anonymous() : t.as(who);
          const res = await (agent[op.method] as (u: string) => import('supertest').Test)(url)
            .set('Content-Type', 'application/json')
            .set('x-correlation-id', correlationId)
            .send(body);
          if (res.status >= 500)
            failures.push(`${res.status} ${op.method.toUpperCase()} ${url} ${body.slice(0, 120)}`);
          (res.status >= 400 ? refused : accepted).add(correlationId);
          return res.status < 500;
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(failures).toEqual([]);
    const log = await wholeLog();
    const written = log.slice(before);
    expect(written.filter((e) => refused.has(e.correlationId))).toEqual([]);
    if (accepted.size === 0) expect(log.length).toBe(before);
    expect(refused.size).toBeGreaterThan(RUNS * 0.9);
  }, 120_000);
});
