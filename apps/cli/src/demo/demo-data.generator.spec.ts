import { donationDecider } from '@hemotrace/collection/tooling';
import type { DonationCompletedContract, DonationStartedContract } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED, DONATION_STARTED } from '@hemotrace/collection/contracts';
import type { DomainEvent } from '@hemotrace/event-sourcing';
import { fold } from '@hemotrace/event-sourcing';
import type { PlannedEvent } from './demo-data.generator';
import { DemoDataGenerator } from './demo-data.generator';

const plan = (): PlannedEvent[] => [
  ...new DemoDataGenerator({ donations: 400, seed: 11, perDay: 20, planReactions: true }).events(),
];

describe('the demo plan of its collections', () => {
  const events = plan();
  const started = events
    .filter((e) => e.type === DONATION_STARTED)
    .map((e) => e.data as unknown as DonationStartedContract);
  const completed = events
    .filter((e) => e.type === DONATION_COMPLETED)
    .map((e) => e.data as unknown as DonationCompletedContract);

  it('starts whole blood in a CN 2019 bag and apheresis without one, as the collection decider requires', () => {
    const wholeBlood = started.filter((d) => d.procedure === 'WHOLE_BLOOD');
    const apheresis = started.filter((d) => d.procedure === 'APHERESIS_PLATELETS');
    expect(wholeBlood.length).toBeGreaterThan(300);
    expect(apheresis.length).toBeGreaterThan(10);
    expect(new Set(wholeBlood.map((d) => d.nominalVolumeMl))).toEqual(new Set([200, 300, 400]));
    expect(apheresis.filter((d) => 'nominalVolumeMl' in d)).toEqual([]);
    expect(new Set(apheresis.map((d) => d.plateletDoses))).toEqual(new Set([1, 2]));
  });

  it('completes every donation with the measured volume the complete handler records', () => {
    expect(completed).toHaveLength(400);
    for (const d of completed) expect(d.measuredVolumeMl).toBe(d.volumeMl);
  });

  it('leaves each donation stream completed when folded by the collection decider', () => {
    const byStream = new Map<string, DomainEvent[]>();
    for (const e of events.filter((x) => x.streamId.startsWith('Donation-'))) {
      byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), { type: e.type, data: e.data }]);
    }
    expect(byStream.size).toBe(400);
    const statuses = [...byStream.values()].map(
      (history) => fold(donationDecider, history as Parameters<typeof donationDecider.evolve>[1][]).status,
    );
    expect(new Set(statuses)).toEqual(new Set(['Completed']));
  });

  it('gives the same plan for the same seed', () => {
    expect(plan()).toEqual(events);
  });
});
