import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { postgresTestUrl } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import { openPostgresStores } from './postgres.opener';

const url = postgresTestUrl('the PostgreSQL store placement');

/* The log in the store schema, the read side where it is told; both throwaway (`tmp_`), dropped on close. */
(url ? describe : describe.skip)('where the PostgreSQL stores put their tables', () => {
  const tablesOf = async (schema: string): Promise<string[]> => {
    const client = new Client({ connectionString: url!.replace(/\?.*$/, '') });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
        [schema],
      );
      return rows.map((r) => r.table_name);
    } finally {
      await client.end();
    }
  };

  const withSchema = (schema: string) => {
    const parsed = new URL(url!);
    parsed.searchParams.set('schema', schema);
    return parsed.toString();
  };

  const writeOneOfEach = async (stores: Awaited<ReturnType<typeof openPostgresStores>>) => {
    await stores.events.append({
      streamId: 'Probe-1',
      events: [{ type: 'ProbeRecorded', data: { n: 1 } }],
      expectedVersion: 'no_stream',
      metadata: {
        actor: systemActor('BC-1'),
        correlationId: 'corr-probe',
        occurredAt: '2025-03-01T08:00:00.000Z',
      },
    });
    await stores.readModels.commit('probe', 'p-1', [
      { op: 'put', collection: 'probes', id: 'p-1', doc: { id: 'p-1' } },
    ]);
  };

  it('keeps the read side in the schema it is given, and the log in the store schema', async () => {
    const schema = `tmp_${randomBytes(5).toString('hex')}`;
    const reads = `${schema}_collection`;
    const stores = await openPostgresStores(withSchema(schema), reads);
    try {
      await writeOneOfEach(stores);
      expect(await stores.readModels.get('probes', 'p-1')).toEqual({ id: 'p-1' });
      const log = await tablesOf(schema);
      expect(log).toEqual(expect.arrayContaining(['events', 'personal_data_keys']));
      expect(log).not.toContain('read_models');
      expect(log).not.toContain('projection_checkpoints');
      const side = await tablesOf(reads);
      expect(side).toEqual(expect.arrayContaining(['read_models', 'projection_checkpoints']));
      expect(side).not.toContain('events');
    } finally {
      await stores.close();
    }
    expect(await tablesOf(schema)).toEqual([]);
    expect(await tablesOf(reads)).toEqual([]);
  });

  it('keeps everything in the store schema when no read-side schema is given (the all-in-one server)', async () => {
    const schema = `tmp_${randomBytes(5).toString('hex')}`;
    const stores = await openPostgresStores(withSchema(schema));
    try {
      await writeOneOfEach(stores);
      expect(await tablesOf(schema)).toEqual(
        expect.arrayContaining(['events', 'personal_data_keys', 'read_models', 'projection_checkpoints']),
      );
    } finally {
      await stores.close();
    }
  });
});
