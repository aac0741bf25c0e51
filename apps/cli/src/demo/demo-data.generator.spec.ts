import { donationDecider } from '@hemotrace/collection/tooling';
import type { DonationCompletedContract, DonationStartedContract } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED, DONATION_STARTED } from '@hemotrace/collection/contracts';
import type { DomainEvent } from '@hemotrace/event-sourcing';
import { fold } from '@hemotrace/event-sourcing';
import type { DonationTestingEvent } from '@hemotrace/laboratory/tooling';
import { donationTestingDecider } from '@hemotrace/laboratory/tooling';
import type { PlannedEvent } from './demo-data.generator';
import { DemoDataGenerator } from './demo-data.generator';
import { DemoCommandRefused, DemoStreams } from './demo-streams';
import { unitDecider } from '@hemotrace/components/tooling';
import { siteDecider } from '@hemotrace/sites/tooling';

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

describe('the demo plan of its units, shipments and reactions', () => {
  const events = plan();
  const byId = new Map(events.map((e) => [e.eventId, e]));

  it('leaves no Unit- stream the unit decider cannot fold, each prepared first', () => {
    const byStream = new Map<string, PlannedEvent[]>();
    for (const e of events.filter((x) => x.streamId.startsWith('Unit-'))) {
      byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    }
    expect(byStream.size).toBeGreaterThan(800);
    for (const history of byStream.values()) {
      expect(history[0].type).toBe('UnitPrepared');
      const state = fold(unitDecider, history as unknown as Parameters<typeof unitDecider.evolve>[1][]);
      expect(state.status).not.toBe('None');
    }
  });

  it('releases or discards each unit in reaction to the conclusion, under the command id the reactor derives from it', () => {
    const reactions = events.filter((e) => e.type === 'UnitQualified' || e.type === 'UnitDiscarded');
    expect(reactions.length).toBeGreaterThan(700);
    for (const reaction of reactions) {
      const cause = byId.get(reaction.causationId ?? '');
      expect(cause?.type).toBe(reaction.type === 'UnitQualified' ? 'DonationQualified' : 'DonationRejected');
      expect(reaction.commandId).toBe(`components.laboratory-outcome:${cause?.eventId}`);
      expect(reaction.occurredAt).toBe(cause?.occurredAt);
      expect(events.indexOf(reaction)).toBeGreaterThan(events.indexOf(cause!));
    }
    const custody = events.filter((e) => e.type === 'UnitCustodyTransferred');
    expect(custody.length).toBeGreaterThan(300);
    for (const reaction of custody) {
      expect(reaction.commandId).toBe(`components.unit-lifecycle:${reaction.causationId}:received`);
      expect(byId.get(reaction.causationId ?? '')?.type).toBe('ShipmentReceived');
    }
  });

  it('ships each family in its own box at its transport temperature, as the shipment decider requires', () => {
    const category = new Map(
      events
        .filter((e) => e.type === 'UnitPacked')
        .map((e) => [e.data.shipmentId as string, new Set<string>()] as const),
    );
    for (const e of events.filter((x) => x.type === 'UnitPacked')) {
      category.get(e.data.shipmentId as string)!.add(e.data.category as string);
    }
    const dispatched = events.filter((e) => e.type === 'ShipmentDispatched');
    expect(dispatched.length).toBeGreaterThan(200);
    const temperatures = new Map([
      ['RED_CELLS', 4],
      ['PLASMA', -25],
      ['PLATELETS', 22],
    ]);
    for (const d of dispatched) {
      const families = [...category.get(d.data.shipmentId as string)!];
      expect(families).toHaveLength(1);
      expect(d.data.temperatureC).toBe(temperatures.get(families[0]));
    }
  });

  it('pools platelets of one ABO/RhD group only', () => {
    const groupOf = new Map(
      events
        .filter((e) => e.type === 'UnitQualified')
        .map((e) => {
          const g = e.data.bloodGroup as { abo: string; rhd: string };
          return [e.data.unitId as string, `${g.abo}${g.rhd}`] as const;
        }),
    );
    const pools = events.filter((e) => e.type === 'UnitPrepared' && e.data.method === 'POOLING');
    expect(pools.length).toBeGreaterThan(3);
    for (const pool of pools) {
      const groups = new Set((pool.data.parentUnitIds as string[]).map((id) => groupOf.get(id)));
      expect(groups.size).toBe(1);
    }
  });

  it('gives every event its own id, the same for the same seed', () => {
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(plan().map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });
});

describe('a demo command the domain refuses', () => {
  it('ends the generation with DemoCommandRefused naming the stream, the command and the rule', () => {
    const streams = new DemoStreams();
    const act = () =>
      streams.decide(unitDecider, 'Unit-G123425000001-E0398V00', {
        type: 'ExpireUnit',
        at: '2025-02-01T00:00:00.000Z',
      });
    expect(act).toThrow(DemoCommandRefused);
    expect(act).toThrow(
      /ExpireUnit on Unit-G123425000001-E0398V00 was refused by its decider \(UnitNotFound/,
    );
  });

  it('keeps the state of a stream whose command was refused', () => {
    const streams = new DemoStreams();
    const stream = 'Site-HOSP-1';
    const register = {
      type: 'RegisterSite' as const,
      siteId: 'HOSP-1',
      name: 'Hospital 1',
      siteType: 'HOSPITAL' as const,
      active: true,
      at: '2025-01-05T00:00:00.000Z',
      now: '2025-01-05T00:00:00.000Z',
    };
    expect(streams.decide(siteDecider, stream, register).map((e) => e.type)).toEqual(['SiteRegistered']);
    expect(() => streams.decide(siteDecider, stream, register)).toThrow(DemoCommandRefused);
    expect(streams.stateOf(siteDecider, stream).status).toBe('Active');
  });
});

describe('the demo plan of its donors', () => {
  const events = [
    ...new DemoDataGenerator({ donations: 300, seed: 3, perDay: 1, planReactions: true }).events(),
  ];

  it('screens every donor through the donor decider before each donation, as eligible under CN 2019', () => {
    const screened = events.filter((e) => e.type === 'DonorScreened');
    const eligible = events.filter((e) => e.type === 'DonorFoundEligible');
    expect(screened).toHaveLength(300);
    expect(eligible).toHaveLength(300);
    expect(events.filter((e) => e.type === 'DonorDeferred')).toEqual([]);
    for (const e of eligible) expect(e.streamId).toBe(`Donor-${e.data.donorId as string}`);
  });

  it('calls a whole-blood donor in again only six months after the last whole blood', () => {
    const last = new Map<string, string>();
    let repeats = 0;
    for (const e of events.filter(
      (x) => x.type === 'DonationStarted' && x.data.procedure === 'WHOLE_BLOOD',
    )) {
      const donorId = e.data.donorId as string;
      const before = last.get(donorId);
      if (before) {
        repeats += 1;
        const sixMonthsLater = new Date(before);
        sixMonthsLater.setUTCMonth(sixMonthsLater.getUTCMonth() + 6);
        expect(e.occurredAt >= sixMonthsLater.toISOString()).toBe(true);
      }
      last.set(donorId, e.occurredAt);
    }
    expect(repeats).toBeGreaterThan(5);
  });
});

describe('the demo plan of its transfusions', () => {
  const events = plan();

  it('takes every transfused unit through request, crossmatch and allocation, issue, bedside check, start and end', () => {
    const byStream = new Map<string, string[]>();
    for (const e of events.filter((x) => x.streamId.startsWith('TransfusionRequest-'))) {
      byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.type]);
    }
    expect(byStream.size).toBeGreaterThan(300);
    for (const steps of byStream.values()) {
      expect(steps).toEqual([
        'TransfusionRequested',
        'CrossmatchPerformed',
        'UnitAllocated',
        'UnitIssuedToWard',
        'BedsideCheckPassed',
        'TransfusionStarted',
        'UnitTransfused',
      ]);
    }
    const reserved = events.filter((e) => e.type === 'UnitReservedForRequest');
    expect(reserved).toHaveLength(byStream.size);
  });

  it("types each patient's sample in the unit's group, twice when the crossmatch is electronic", () => {
    const typed = new Map<string, number>();
    for (const e of events.filter((x) => x.type === 'PatientSampleTyped')) {
      typed.set(e.streamId, (typed.get(e.streamId) ?? 0) + 1);
    }
    const electronic = events.filter(
      (e) => e.type === 'CrossmatchPerformed' && e.data.method === 'ELECTRONIC',
    );
    expect(electronic.length).toBeGreaterThan(50);
    for (const e of electronic) expect(typed.get(`Patient-${e.data.patientId as string}`)).toBe(2);
  });
});
