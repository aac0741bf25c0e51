import { donationDecider } from '@hemotrace/collection/tooling';
import type { DonationCompletedContract, DonationStartedContract } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED, DONATION_STARTED } from '@hemotrace/collection/contracts';
import type { DomainEvent } from '@hemotrace/event-sourcing';
import { fold } from '@hemotrace/event-sourcing';
import type { DonationTestingEvent } from '@hemotrace/laboratory/tooling';
import { donationTestingDecider } from '@hemotrace/laboratory/tooling';
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

describe('the demo plan of its laboratory testing', () => {
  const events = plan();
  const byStream = new Map<string, DonationTestingEvent[]>();
  for (const e of events.filter((x) => x.streamId.startsWith('DonationTesting-'))) {
    byStream.set(e.streamId, [
      ...(byStream.get(e.streamId) ?? []),
      { type: e.type, data: e.data } as unknown as DonationTestingEvent,
    ]);
  }
  const states = [...byStream.values()].map((history) => fold(donationTestingDecider, history));

  it('concludes every donation, as the laboratory decider folds its stream', () => {
    expect(byStream.size).toBe(400);
    expect(new Set(states.map((s) => s.status))).toEqual(new Set(['Concluded']));
    expect(states.every((s) => s.group.confirmed !== null && s.antibodyScreen !== null)).toBe(true);
  });

  it('screens HIV, HBV and HCV with two ELISA makers and retests a reactive kit with the same kit', () => {
    const qualified = states.filter((s) => s.conclusion?.outcome === 'QUALIFIED');
    const rejected = states.filter((s) => s.conclusion?.outcome === 'REJECTED');
    expect(qualified.length).toBeGreaterThan(350);
    expect(rejected.length).toBeGreaterThan(0);
    for (const s of qualified) {
      for (const marker of ['HIV', 'HBV', 'HCV'] as const) {
        const makers = s.results.filter((r) => r.marker === marker).map((r) => r.reagent.manufacturer);
        expect(new Set(makers).size).toBe(2);
      }
    }
    const recorded = events
      .filter((e) => e.type === 'MarkerResultRecorded')
      .map((e) => e.data as { resultId: string; testRole: string; din: string; marker: string });
    expect(new Set(recorded.map((r) => r.resultId)).size).toBe(recorded.length);
    const retests = recorded.filter((r) => r.testRole === 'RETEST');
    expect(retests.length).toBeGreaterThan(0);
    for (const retest of retests) {
      expect(
        rejected.some((s) => s.din === retest.din && s.conclusion?.reactiveMarkers.includes(retest.marker)),
      ).toBe(true);
    }
  });

  it("confirms the seroconverting donor's infection after the rejection, from a repeat reactive screen", () => {
    const confirmed = events.filter((e) => e.type === 'DonorConfirmedPositive');
    expect(confirmed).toHaveLength(1);
    const din = (confirmed[0].data as { din: string }).din;
    const state = states.find((s) => s.din === din);
    expect(state?.conclusion).toMatchObject({ outcome: 'REJECTED', reactiveMarkers: ['HIV'] });
    expect(state?.confirmedPositive).toEqual(['HIV']);
  });
});
