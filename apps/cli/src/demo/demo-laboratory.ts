import type { Actor, BloodGroup, Marker, Phenotype } from '@hemotrace/kernel';
import type { DonationTestingCommand, DonationTestingEvent } from '@hemotrace/laboratory/tooling';
import { donationTestingDecider, laboratoryProfile } from '@hemotrace/laboratory/tooling';

/** The server's default regulatory profile (CN 2019): two ELISA makers for HIV, HBV, HCV; one for syphilis; ALT. */
const PROFILE = laboratoryProfile('CN-2019');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LAB: Actor = { userId: 'laboratory-BC-1', role: 'laboratory', siteId: 'BC-1' };
export const LAB_SITE = 'BC-1';
const TWO_KIT_MARKERS: readonly Marker[] = ['HIV', 'HBV', 'HCV'];

export interface DonationUnderTest {
  din: string;
  donorId: string;
  /** When collection ended (ms). */
  collectedAt: number;
  /** When the screening runs (ms); grouping and the antibody screen come before, the conclusion after. */
  testedAt: number;
  group: BloodGroup;
  /** The group of the donor's earlier qualified donations, as the blood-group handler reads it. */
  historicalGroup: BloodGroup | null;
  /** Markers the donation is reactive for (at most one in the demo). */
  reactive: readonly Marker[];
  /** The donor's infection is then confirmed (the lookback's origin). */
  confirmed: boolean;
  /** Two different ELISA makers, then the syphilis kit's maker. */
  makers: readonly [string, string, string];
  instrument: string;
  /** Lots change every two weeks. */
  lotPeriod: number;
  /** ALT in U/L for a non-reactive donation. */
  alt: number;
  /** Red-cell antigens typed beside the group (the demo types none; the e2e fixtures may). */
  phenotype?: Phenotype;
  /** Instants (ms) instead of the demo's offsets from collection and testing (the e2e fixtures end at now). */
  schedule?: { received: number; grouped: number; screened: number; retested: number; concluded: number };
}

export interface TestedEvent {
  at: number;
  event: DonationTestingEvent;
}

/**
 * A donation's laboratory history, decided by the laboratory's own decider on the commands its
 * handlers would send: the sample, two concordant groupings, the antibody screen, two kits per
 * marker where the profile asks for two makers, the duplicate retest of an initially reactive kit,
 * the conclusion, and for a confirmed infection the confirmatory result. A command the decider
 * refuses throws: the demo records only what the laboratory would accept.
 */
export const testDonation = (d: DonationUnderTest): TestedEvent[] => {
  const given = { din: d.din, actor: LAB, timePolicy: PROFILE.businessTime };
  const iso = (ms: number) => new Date(ms).toISOString();
  const lot = (test: string) => `${test}-LOT-${d.lotPeriod}`;
  let resultNo = 0;
  const marker = (
    at: number,
    m: Marker,
    maker: string,
    interpretation: 'REACTIVE' | 'NON_REACTIVE',
  ): [number, DonationTestingCommand] => [
    at,
    {
      ...given,
      type: 'RecordMarkerResult',
      now: iso(at),
      resultId: `${d.din}-${(resultNo += 1)}`,
      marker: m,
      method: m === 'ALT' ? 'ENZYMATIC' : 'ELISA',
      reagent: { manufacturer: maker, lot: lot(m) },
      instrument: d.instrument,
      ...(m === 'ALT' ? { value: interpretation === 'REACTIVE' ? 85 : d.alt } : { interpretation }),
      testedAt: iso(at),
      profile: PROFILE,
    },
  ];
  const { received, grouped, screened, retested, concluded } = d.schedule ?? {
    received: d.collectedAt + 2 * HOUR,
    grouped: d.testedAt - 2 * HOUR,
    screened: d.testedAt - HOUR,
    retested: d.testedAt + HOUR,
    concluded: d.testedAt + 2 * HOUR,
  };
  const grouping = (at: number): [number, DonationTestingCommand] => [
    at,
    {
      ...given,
      type: 'RecordBloodGroup',
      now: iso(at),
      forward: d.group.abo,
      reverse: d.group.abo,
      rhd: d.group.rhd,
      method: 'MICROPLATE',
      reagentLot: lot('ABO'),
      determinedAt: iso(at),
      historicalGroup: d.historicalGroup,
    },
  ];
  const commands: [number, DonationTestingCommand][] = [
    [
      received,
      {
        ...given,
        type: 'ReceiveSample',
        now: iso(received),
        donation: { donorId: d.donorId, collectedAt: iso(d.collectedAt) },
        labSiteId: LAB_SITE,
        labType: 'CENTRAL_LAB',
        transportMinutes: 120,
        condition: 'ACCEPTABLE',
        receivedAt: iso(received),
      },
    ],
    grouping(grouped),
    grouping(grouped + 15 * MINUTE),
    [
      screened,
      {
        ...given,
        type: 'RecordAntibodyScreen',
        now: iso(screened),
        result: 'NEGATIVE',
        method: 'MICROPLATE',
        reagentLot: lot('SCREEN'),
        testedAt: iso(screened),
      },
    ],
  ];
  if (d.phenotype) {
    commands.push([
      screened,
      {
        ...given,
        type: 'RecordPhenotype',
        now: iso(screened),
        phenotype: d.phenotype,
        method: 'MICROPLATE',
        reagentLot: lot('PHENO'),
        testedAt: iso(screened),
      },
    ]);
  }
  const retests: [number, DonationTestingCommand][] = [];
  for (const m of PROFILE.mandatoryMarkers) {
    const reactive = d.reactive.includes(m);
    const makers = TWO_KIT_MARKERS.includes(m) ? [d.makers[0], d.makers[1]] : [d.makers[2]];
    for (const [kit, maker] of makers.entries()) {
      /* The first kit is the one that reacts: it is retested with the same kit, and one reactive retest makes it repeat reactive. */
      const reacts = reactive && kit === 0;
      commands.push(marker(d.testedAt, m, maker, reacts ? 'REACTIVE' : 'NON_REACTIVE'));
      if (reacts && m !== 'ALT') retests.push(marker(retested, m, maker, 'REACTIVE'));
    }
  }
  commands.push(...retests);
  commands.push([
    concluded,
    {
      ...given,
      type: 'ConcludeTesting',
      now: iso(concluded),
      concludedAt: iso(concluded),
      groupOnRecord: d.historicalGroup,
      profile: PROFILE,
    },
  ]);
  if (d.confirmed) {
    const at = concluded + 3 * DAY;
    for (const m of d.reactive) {
      commands.push([
        at,
        {
          ...given,
          type: 'RecordConfirmatoryResult',
          now: iso(at),
          marker: m,
          method: 'WESTERN_BLOT',
          reagent: { manufacturer: 'MP Diagnostics', lot: lot('WB') },
          result: 'POSITIVE',
          testedAt: iso(at),
          profile: PROFILE,
        },
      ]);
    }
  }
  let state = donationTestingDecider.initialState;
  const events: TestedEvent[] = [];
  for (const [at, command] of commands) {
    for (const event of donationTestingDecider.decide(command, state)) {
      state = donationTestingDecider.evolve(state, event);
      events.push({ at, event });
    }
  }
  return events;
};
