import { InMemoryReadModelStore } from '@hemotrace/event-sourcing';
import type { DocumentWrite } from '@hemotrace/event-sourcing';
import { CN_2019_LABORATORY } from '../domain/profiles';
import type { CollectedDonationDoc, LabDonationDoc } from './collections';
import { LAB_COLLECTED_DONATIONS, LAB_DONATIONS } from './collections';
import { awaitingSample } from './laboratory-donation.view';
import { LaboratoryQueries } from './laboratory.queries';

const din = (n: number): string => `A99992600${String(n).padStart(4, '0')}`;
const at = (n: number): string => new Date(Date.UTC(2026, 2, 1, 8) + n * 60_000).toISOString();

const collected = (n: number, concluded = false): DocumentWrite => ({
  op: 'put',
  collection: LAB_COLLECTED_DONATIONS,
  id: din(n),
  doc: {
    din: din(n),
    donorId: `donor-${n}`,
    collectedAt: at(n),
    collectionSiteId: 'BC-1',
    concluded,
  } satisfies CollectedDonationDoc,
});

const inTesting = (n: number): DocumentWrite => ({
  op: 'put',
  collection: LAB_DONATIONS,
  id: din(n),
  doc: {
    din: din(n),
    donorId: `donor-${n}`,
    collectedAt: at(n),
    ...awaitingSample,
    status: 'IN_TESTING',
    samples: [
      {
        labSiteId: 'BC-1',
        labType: 'CENTRAL_LAB',
        transportMinutes: 60,
        condition: 'ACCEPTABLE',
        receivedAt: at(n + 60),
      },
    ],
    updatedAt: at(n + 60),
  } satisfies LabDonationDoc,
});

const queriesOver = async (writes: DocumentWrite[]): Promise<LaboratoryQueries> => {
  const store = new InMemoryReadModelStore();
  await store.commit('fixture', '1', writes);
  return new LaboratoryQueries(store, CN_2019_LABORATORY);
};

describe('the laboratory queries, joining the collected donations and the testing views', () => {
  it('answers a donation collected and not yet received as awaiting its sample', async () => {
    const queries = await queriesOver([collected(1)]);
    expect(await queries.testingStatus(din(1))).toMatchObject({
      din: din(1),
      donorId: 'donor-1',
      collectedAt: at(1),
      status: 'AWAITING_SAMPLE',
      samples: [],
    });
  });

  it("answers from the testing view when the sample came before collection's contract was folded", async () => {
    const queries = await queriesOver([inTesting(1)]);
    expect(await queries.testingStatus(din(1))).toMatchObject({
      donorId: 'donor-1',
      collectedAt: at(1),
      status: 'IN_TESTING',
    });
    expect((await queries.worklist()).map((i) => [i.din, i.status])).toEqual([[din(1), 'IN_TESTING']]);
  });

  it('knows nothing of a donation neither collection published nor a sample named', async () => {
    expect(await (await queriesOver([])).testingStatus(din(1))).toBeNull();
  });

  it('lists a received donation once, by its testing status, and the others as awaiting, oldest first', async () => {
    const queries = await queriesOver([collected(1), collected(2), collected(3), inTesting(2)]);
    expect((await queries.worklist()).map((i) => [i.din, i.status])).toEqual([
      [din(1), 'AWAITING_SAMPLE'],
      [din(2), 'IN_TESTING'],
      [din(3), 'AWAITING_SAMPLE'],
    ]);
    expect((await queries.worklist('AWAITING_SAMPLE')).map((i) => i.din)).toEqual([din(1), din(3)]);
    expect((await queries.worklist('IN_TESTING')).map((i) => i.din)).toEqual([din(2)]);
    expect((await queries.worklist(undefined, 2)).map((i) => i.din)).toEqual([din(1), din(2)]);
  });

  it('finds the donations awaiting a sample behind more received ones than one page reads', async () => {
    const received = Array.from({ length: 450 }, (_, i) => i + 1);
    const queries = await queriesOver([
      ...received.flatMap((n) => [collected(n), inTesting(n)]),
      collected(451),
      collected(452),
    ]);
    expect((await queries.worklist('AWAITING_SAMPLE')).map((i) => i.din)).toEqual([din(451), din(452)]);
  });

  it('looks for missing samples among the donations not concluded only', async () => {
    /* A concluded donation without a testing view cannot happen in one store: it shows the filter. */
    const queries = await queriesOver([collected(1, true), collected(2)]);
    expect((await queries.worklist('AWAITING_SAMPLE')).map((i) => i.din)).toEqual([din(2)]);
  });
});
