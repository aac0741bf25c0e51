import type { Filter, FindOptions } from '../../read-models/read-model-store.port';
import { matchesFilter, sortAndPage } from '../../read-models/read-model-store.port';
import { PostgresReadModelStore } from './postgres-read-model-store';
import type { ThrowawaySchema } from './postgres-test-database';
import { postgresTestUrl, throwawaySchema } from './postgres-test-database';

const url = postgresTestUrl('PostgreSQL read-model store');
const describeWithPostgres = url ? describe : describe.skip;

const units = [
  {
    id: 'u1',
    status: 'Released',
    group: { abo: 'O', rhd: 'neg' },
    volume: 250,
    expiresOn: '2026-04-01',
    flagged: false,
  },
  {
    id: 'u2',
    status: 'Quarantined',
    group: { abo: 'A', rhd: 'pos' },
    volume: 300,
    expiresOn: '2026-03-10',
    flagged: true,
  },
  { id: 'u3', status: 'Released', group: { abo: 'A', rhd: 'neg' }, volume: 280, expiresOn: '2026-03-20' },
  {
    id: 'u4',
    status: 'Issued',
    group: { abo: 'B', rhd: 'pos' },
    volume: null,
    expiresOn: '2026-05-01',
    flagged: false,
  },
  {
    id: 'u5',
    status: 'Released',
    group: { abo: 'O', rhd: 'pos' },
    volume: 'unknown',
    expiresOn: '2026-03-15',
  },
];

describeWithPostgres('PostgreSQL read-model store', () => {
  let db: ThrowawaySchema;
  let store: PostgresReadModelStore;

  beforeEach(async () => {
    db = await throwawaySchema(url!);
    store = await PostgresReadModelStore.open(db.pool, { schema: db.schema });
    await store.commit(
      'units',
      '1:1',
      units.map((doc) => ({ op: 'put' as const, collection: 'units', id: doc.id, doc })),
    );
  });

  afterEach(() => db.drop());

  const cases: [string, Filter, FindOptions][] = [
    ['equality on a dotted path', { 'group.abo': 'A' }, {}],
    ['two fields together', { status: 'Released', 'group.rhd': 'pos' }, {}],
    ['a boolean', { flagged: false }, {}],
    ['null matches missing and null', { flagged: null }, {}],
    ['a numeric range skips nulls and strings', { volume: { $gte: 260, $lt: 400 } }, {}],
    ['a string range on dates', { expiresOn: { $lte: '2026-03-20' } }, {}],
    ['$in', { status: { $in: ['Issued', 'Quarantined'] } }, {}],
    ['$ne keeps missing fields', { flagged: { $ne: true } }, {}],
    ['$ne null', { flagged: { $ne: null } }, {}],
    ['ordered and paged', {}, { orderBy: { field: 'expiresOn', direction: 'desc' }, limit: 2, offset: 1 }],
  ];

  it.each(cases)('finds like the in-memory store: %s', async (_name, filter, options) => {
    const expected = sortAndPage(
      units.filter((doc) => matchesFilter(doc, filter)),
      options,
    ).map((d) => d.id);
    const found = (await store.find<{ id: string }>('units', filter, options)).map((d) => d.id);
    expect(options.orderBy ? found : found.sort()).toEqual(options.orderBy ? expected : expected.sort());
    expect(await store.count('units', filter)).toBe(units.filter((doc) => matchesFilter(doc, filter)).length);
  });

  it('reads several documents of one collection by id in one query, leaving absent ids out', async () => {
    const found = await store.getMany<{ id: string; status: string }>('units', ['u3', 'nope', 'u1']);
    expect([...found.keys()].sort()).toEqual(['u1', 'u3']);
    expect(found.get('u3')).toEqual(units[2]);
    expect((await store.getMany('other', ['u1'])).size).toBe(0);
    expect((await store.getMany('units', [])).size).toBe(0);
  });

  it('moves the checkpoint with the writes, and neither when one write fails', async () => {
    await expect(
      store.commit('units', '2:9', [
        { op: 'put', collection: 'units', id: 'u6', doc: { id: 'u6', status: 'Released' } },
        {
          op: 'put',
          collection: 'units',
          id: 'u7',
          doc: { id: 'u7', note: 'NUL \u0000 is not storable in jsonb' },
        },
      ]),
    ).rejects.toThrow();
    const fresh = await PostgresReadModelStore.open(db.pool, { schema: db.schema });
    expect(await fresh.getCheckpoint('units')).toBe('1:1');
    expect(await store.get('units', 'u6')).toBeNull();

    await store.commit('units', '2:9', [
      { op: 'put', collection: 'units', id: 'u6', doc: { id: 'u6', status: 'Released' } },
      { op: 'delete', collection: 'units', id: 'u1' },
    ]);
    expect(await store.getCheckpoint('units')).toBe('2:9');
    expect(
      await (await PostgresReadModelStore.open(db.pool, { schema: db.schema })).getCheckpoint('units'),
    ).toBe('2:9');
    expect(await store.get('units', 'u6')).toEqual({ id: 'u6', status: 'Released' });
    expect(await store.get('units', 'u1')).toBeNull();
  });

  it('forgets a projection on reset and creates expression indexes the planner can use', async () => {
    await store.ensureIndex('units', ['group.abo']);
    await store.ensureIndex('units', ['group.abo']);
    await db.pool.query('SET enable_seqscan = off');
    const plan = await db.pool.query(
      `EXPLAIN SELECT doc FROM read_models WHERE collection = 'units' AND (doc #> '{group,abo}') = '"A"'::jsonb`,
    );
    expect(JSON.stringify(plan.rows)).toContain('Index Scan');
    await store.reset('units', ['units']);
    expect(await store.count('units')).toBe(0);
    expect(await store.getCheckpoint('units')).toBe('');
  });
});
