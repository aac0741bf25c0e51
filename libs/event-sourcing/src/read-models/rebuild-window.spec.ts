import { PutIds } from './rebuild-window';

const ids = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, n) => `${prefix}:A99992600${String(n).padStart(4, '0')}-E0398V00`);

describe('the ids a rebuild has put', () => {
  it('never says an id it was given is absent', () => {
    const put = new PutIds();
    for (const id of ids('unit', 5_000)) put.add('trace_nodes', id);
    expect(ids('unit', 5_000).filter((id) => !put.mayHave('trace_nodes', id))).toEqual([]);
  });

  it('says almost every id it was not given is absent, in that collection or another', () => {
    const put = new PutIds();
    for (const id of ids('unit', 5_000)) put.add('trace_nodes', id);
    const elsewhere = ids('unit', 5_000).filter((id) => put.mayHave('trace_edges', id));
    const neverPut = ids('donation', 5_000).filter((id) => put.mayHave('trace_nodes', id));
    expect(elsewhere.length).toBeLessThan(5);
    expect(neverPut.length).toBeLessThan(5);
  });
});
