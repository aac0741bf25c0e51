import { InMemoryReadModelStore } from './in-memory-read-model-store';
import type { DocumentReader } from './read-model-store.port';
import { getMany } from './read-model-store.port';
import { UnitOfWork } from './unit-of-work';

describe('reading several documents by id', () => {
  const store = new InMemoryReadModelStore();

  beforeAll(async () => {
    await store.commit('p', '2', [
      { op: 'put', collection: 'units', id: 'U1', doc: { id: 'U1', status: 'Released' } },
      { op: 'put', collection: 'units', id: 'U2', doc: { id: 'U2', status: 'Quarantined' } },
    ]);
  });

  it('falls back to one get per id for a reader without a batch read, once per id', async () => {
    const asked: string[] = [];
    const plain: DocumentReader = {
      get: async <T>(collection: string, id: string) => {
        asked.push(id);
        return store.get<T>(collection, id);
      },
      find: (collection, filter, options) => store.find(collection, filter, options),
      count: (collection, filter) => store.count(collection, filter),
    };
    const found = await getMany<{ status: string }>(plain, 'units', ['U2', 'U9', 'U2']);
    expect(asked).toEqual(['U2', 'U9']);
    expect([...found]).toEqual([['U2', { id: 'U2', status: 'Quarantined' }]]);
  });

  it("sees a unit of work's pending writes and deletes before the store", async () => {
    const tx = new UnitOfWork(store);
    tx.put('units', 'U3', { id: 'U3', status: 'Released' });
    tx.delete('units', 'U1');
    const found = await getMany<{ id: string }>(tx, 'units', ['U1', 'U2', 'U3']);
    expect([...found.keys()].sort()).toEqual(['U2', 'U3']);
    expect(found.get('U3')).toEqual({ id: 'U3', status: 'Released' });
  });
});
