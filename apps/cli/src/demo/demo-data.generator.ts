import type { Actor, BloodGroup, Marker, ProductCategory, Role, SiteType } from '@hemotrace/kernel';
import { systemActor } from '@hemotrace/kernel';
import type { DonationStartedContract, Procedure } from '@hemotrace/collection/contracts';
import { collectionProfileFor, donationDecider } from '@hemotrace/collection/tooling';
import type { Decider, DomainEvent } from '@hemotrace/event-sourcing';
import { donorBloodGroupDecider, donorBloodGroupStreamId } from '@hemotrace/laboratory/tooling';
import { LAB_SITE, testDonation } from './demo-laboratory';
import { DemoCommandRefused, DemoStreams, demoEventId } from './demo-streams';
import type { ProductType } from '@hemotrace/components/contracts';
import type { ProductDefinition, Unit, UnitCommand } from '@hemotrace/components/tooling';
import {
  catalogFor,
  expiryCommandId,
  findProductOfType,
  planPool,
  unitDecider,
  unitMayBeProcessed,
  unitCommandOnConclusion,
} from '@hemotrace/components/tooling';
import type { PackableUnit } from '@hemotrace/distribution/tooling';
import { distributionProfileFor, shipmentDecider } from '@hemotrace/distribution/tooling';
import type { DonorCommand, PastDonation } from '@hemotrace/donors/tooling';
import { donorDecider, donorProfileFor } from '@hemotrace/donors/tooling';
import { allianceDecider, siteDecider, siteFactsOf } from '@hemotrace/sites/tooling';
import type { UnitFacts } from '@hemotrace/transfusion/tooling';
import {
  patientDecider,
  transfusionProfileFor,
  transfusionRequestDecider,
  unitReservationDecider,
  unitReservationStreamId,
} from '@hemotrace/transfusion/tooling';
import { donationStreamId } from '@hemotrace/collection/contracts';
import { unitStreamId } from '@hemotrace/components/contracts';
import { shipmentStreamId } from '@hemotrace/distribution/contracts';
import { donorStreamId } from '@hemotrace/donors/contracts';
import {
  DONATION_QUALIFIED,
  DONATION_REJECTED,
  donationTestingStreamId,
} from '@hemotrace/laboratory/contracts';
import type { DonationQualifiedContract, DonationRejectedContract } from '@hemotrace/laboratory/contracts';
import { allianceStreamId, siteStreamId } from '@hemotrace/sites/contracts';
import {
  patientStreamId,
  transfusionRequestStreamId,
  UNIT_ALLOCATED,
  UNIT_TRANSFUSED,
} from '@hemotrace/transfusion/contracts';

/** One event the generator plans: contract-shaped, for a writer to append (through the store or raw). */
export interface PlannedEvent {
  /** Deterministic for a seed (demoEventId): a reaction's command id derives from its cause's. */
  eventId: string;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  /** A reaction's cause and the command id its reactor derives from the cause's event id. */
  causationId?: string;
  commandId?: string;
}

export interface DemoOptions {
  /** Whole-blood and apheresis donations to generate. */
  donations: number;
  seed?: number;
  start?: string;
  /** Donations per day (default: a one-year timeline); the timeline lasts donations / perDay days. */
  perDay?: number;
  donors?: number;
  hospitals?: number;
  /**
   * Also emit what the system does in reaction (release or discard on the laboratory's conclusion,
   * custody and hospital use on each unit's stream, expiry), decided by the unit decider with the
   * command ids the live reactors derive from their causes. Only for the raw benchmark writer, which
   * runs no reactors; the demo loader leaves them to the live reactors (they reach the same state).
   */
  planReactions?: boolean;
}

export interface DemoSummary {
  donations: number;
  donors: number;
  events: number;
  seroconvertedDonorId: string | null;
  sampleUnitId: string | null;
  samplePooledUnitId: string | null;
  samplePatientId: string | null;
}

const DAY = 86_400_000;
/** The server's default regulatory profile (CN 2019): the demo's collections follow its bag volumes and doses. */
const COLLECTION_PROFILE = collectionProfileFor('CN-2019');

const HOUR = 3_600_000;
const MINUTE = 60_000;
const CENTERS = ['BC-1', 'BC-2', 'BC-3'];
const FACILITY: Record<string, string> = { 'BC-1': 'G1234', 'BC-2': 'G1235', 'BC-3': 'G1236' };
const MARKERS: Marker[] = ['HIV', 'HBV', 'HCV', 'SYPHILIS', 'ALT'];
const ELISA_MAKERS = ['Wantai', 'Kehua', 'Abbott'];
const GROUPS: (BloodGroup & { w: number })[] = [
  { abo: 'O', rhd: 'POS', w: 34 },
  { abo: 'A', rhd: 'POS', w: 28 },
  { abo: 'B', rhd: 'POS', w: 28 },
  { abo: 'AB', rhd: 'POS', w: 9 },
  { abo: 'O', rhd: 'NEG', w: 1 },
];
/** The server's default profile (CN 2019) for products, shelf lives, storage and transport. */
const CATALOG = catalogFor('CN-2019');
const DISTRIBUTION_PROFILE = distributionProfileFor('CN-2019');
const DONOR_PROFILE = donorProfileFor('CN-2019');
/** Every screening question answered no, and measurements within every CN 2019 limit. */
const NO_TO_EVERY_QUESTION = Object.fromEntries(DONOR_PROFILE.questions.map((q) => [q.id, false]));
const HEALTHY = {
  weightKg: 68,
  systolicMmHg: 118,
  diastolicMmHg: 76,
  pulseBpm: 72,
  temperatureC: 36.6,
  hemoglobinGPerL: 138,
};
const TRANSFUSION_PROFILE = transfusionProfileFor('CN-2019');
const VITALS = { temperatureC: 36.8, pulsePerMin: 78, systolicMmHg: 122, diastolicMmHg: 76 };
const donorIdOf = (index: number) => `donor-${String(index).padStart(6, '0')}`;
/** Names of the live reactors whose command ids the demo's reactions carry (reactionContext). */
const LABORATORY_OUTCOME = 'components.laboratory-outcome';
const UNIT_LIFECYCLE = 'components.unit-lifecycle';
/** The equipment each family is kept in, and the cold-chain box temperature it travels at. */
const KEPT: Record<ProductCategory, { equipment: string; transportC: number }> = {
  WHOLE_BLOOD: { equipment: 'FRIDGE', transportC: 4 },
  RED_CELLS: { equipment: 'FRIDGE', transportC: 4 },
  PLASMA: { equipment: 'FREEZER', transportC: -25 },
  CRYO: { equipment: 'FREEZER', transportC: -25 },
  PLATELETS: { equipment: 'AGITATOR', transportC: 22 },
};

const product = (type: ProductType): ProductDefinition => {
  const found = findProductOfType(CATALOG, type, false);
  if (!found) throw new Error(`The CN 2019 catalog has no ${type}`);
  return found;
};
const RED_CELLS = product('SUSPENDED_RED_CELLS');
const PLASMA = product('FRESH_FROZEN_PLASMA');
const PLATELET_CONCENTRATE = product('PLATELET_CONCENTRATE');
const APHERESIS_PLATELETS = product('APHERESIS_PLATELETS');
/** ISBT 128 product code of an undivided unit from a volunteer donation. */
const codeOf = (p: ProductDefinition) => `${p.descriptionCode}V00`;

/** mulberry32: a small deterministic PRNG, so the same seed gives the same dataset. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** An event id, and its rank in the plan (which orders a reaction after its cause at the same instant). */
interface Allocated {
  id: string;
  rank: number;
}

interface Scheduled {
  event: PlannedEvent;
  /** The rank the event sorts by among events of the same instant: its own, or its cause's for a reaction. */
  tie: number;
  reaction: boolean;
  seq: number;
}

/** A unit waiting to be pooled: released platelets of one group at one site. */
interface PoolCandidate {
  unitId: string;
  at: number;
  site: string;
  expires: number;
}

interface ShipmentPlan {
  shipmentId: string;
  type: 'HOSPITAL_ISSUE' | 'CENTER_TRANSFER';
  from: string;
  to: string;
  at: number;
  category: ProductCategory;
  /** The units as the shipper sees them when packing (released, in stock, in date). */
  units: PackableUnit[];
  dispatched: Allocated;
  received: Allocated;
}

const byTime = (a: Scheduled, b: Scheduled): number =>
  a.event.occurredAt < b.event.occurredAt
    ? -1
    : a.event.occurredAt > b.event.occurredAt
      ? 1
      : a.tie - b.tie || Number(a.reaction) - Number(b.reaction) || a.seq - b.seq;

/** What distribution's shipper reads of a unit before packing it (as `packable` reads the unit view). */
const packableOf = (unit: Unit, category: ProductCategory): PackableUnit => ({
  unitId: unit.unitId,
  productCode: unit.productCode,
  productType: unit.productType,
  category,
  status: unit.status,
  expiresAt: unit.expiresAt,
  siteId: unit.custody.siteId,
  custodianType: unit.custody.custodianType,
  ...(unit.inTransit ? { inTransitShipmentId: unit.inTransit.shipmentId } : {}),
  volumeMl: unit.volumeMl,
  ...(unit.bloodUnits !== undefined ? { bloodUnits: unit.bloodUnits } : {}),
  ...(unit.plateletDoses !== undefined ? { plateletDoses: unit.plateletDoses } : {}),
});

/**
 * A realistic vein-to-vein history, in time order, bucketed by day so memory stays bounded:
 * repeat donors, whole blood split into red cells, plasma and platelet concentrates (pooled by
 * four of one group), apheresis platelets, five markers with reagent lots, hospital issues,
 * transfers between allied centres, crossmatch, bedside check, transfusion, expiry, and one
 * seroconversion. Sites, collections, laboratory testing, units and shipments are decided by their
 * owners' deciders on the state their streams have reached: a command the domain refuses ends the
 * generation with DemoCommandRefused.
 */
export class DemoDataGenerator {
  private readonly random: () => number;
  private readonly seed: number;
  private readonly start: number;
  private readonly perDay: number;
  private readonly donorCount: number;
  private readonly hospitals: string[];
  private readonly streams = new DemoStreams();
  private readonly buckets = new Map<number, Scheduled[]>();
  private readonly shipments = new Map<string, ShipmentPlan>();
  private readonly registered = new Set<number>();
  /** Each donor's completed donations, as the donation history read model gives them to the screening. */
  private readonly history = new Map<number, PastDonation[]>();
  /** Donors called in beyond the pool when none of the drawn ones may give yet. */
  private newDonors = 0;
  private patients = 0;
  private lastIso = { ms: Number.NaN, iso: '' };
  /** Until when a donor's screening would defer them for a procedure, as the donor decider answered. */
  private readonly deferredUntil = new Map<string, string>();
  private readonly donorGroups = new Map<number, BloodGroup>();
  private readonly qualifiedGroups = new Map<number, BloodGroup>();
  private readonly sequence: Record<string, number> = {};
  /** By site and group: only units of one ABO/RhD group are pooled together (planPool). */
  private readonly poolCandidates = new Map<string, PoolCandidate[]>();
  private correlation = 0;
  private rank = 0;
  private seq = 0;
  /** Days before this one are written: nothing may be planned there any more. */
  private written = 0;
  readonly summary: DemoSummary;
  private readonly seroDonor: number;
  private readonly seroIndex: number;
  private seroDone = false;

  constructor(private readonly options: DemoOptions) {
    this.seed = options.seed ?? 20260101;
    this.random = prng(this.seed);
    this.start = Date.parse(options.start ?? '2025-01-06T00:00:00.000Z');
    this.perDay = Math.max(1, options.perDay ?? Math.ceil(options.donations / 365));
    this.donorCount = Math.max(10, options.donors ?? Math.ceil(options.donations / 3));
    this.hospitals = Array.from({ length: options.hospitals ?? 12 }, (_, i) => `HOSP-${i + 1}`);
    this.seroDonor = 7;
    this.seroIndex = Math.floor(options.donations * 0.8);
    this.summary = {
      donations: 0,
      donors: 0,
      events: 0,
      seroconvertedDonorId: null,
      sampleUnitId: null,
      samplePooledUnitId: null,
      samplePatientId: null,
    };
  }

  /** Yields every planned event in occurredAt order. */
  *events(): Generator<PlannedEvent> {
    for (const event of this.masterData()) {
      this.summary.events += 1;
      yield event;
    }
    const days = Math.ceil(this.options.donations / this.perDay);
    let made = 0;
    for (let day = 0; day <= days + 45; day += 1) {
      for (let i = 0; i < this.perDay && made < this.options.donations; i += 1, made += 1) {
        this.donation(day, made);
      }
      this.poolPlatelets(day);
      this.flushShipments(day);
      const bucket = this.buckets.get(day) ?? [];
      this.buckets.delete(day);
      this.written = day + 1;
      bucket.sort(byTime);
      for (const { event } of bucket) {
        this.summary.events += 1;
        yield event;
      }
      if (made >= this.options.donations && this.buckets.size === 0) break;
    }
  }

  /** Streams whose state the generator still holds (for the memory of the 10M-event bench). */
  get openStreams(): number {
    return this.streams.size;
  }

  private allocate(at: number): Allocated {
    const rank = (this.rank += 1);
    return { id: demoEventId(at, this.seed, rank), rank };
  }

  private actor(role: Role, siteId: string): Actor {
    return { userId: `${role}-${siteId}`, role, siteId };
  }

  /** Shipments go only to registered consignees: the centers, hospitals and their alliance exist before the first fact. */
  private masterData(): PlannedEvent[] {
    const ms = this.start - DAY;
    const at = this.iso(ms);
    const actor: Actor = { userId: 'admin-BC-1', role: 'admin', siteId: 'BC-1' };
    const made: PlannedEvent[] = [];
    const record = (streamId: string, events: DomainEvent[]) => {
      for (const event of events) {
        made.push({
          eventId: this.allocate(ms).id,
          streamId,
          type: event.type,
          data: event.data as Record<string, unknown>,
          occurredAt: at,
          actor,
          correlationId: 'demo-master-data',
        });
      }
    };
    const site = (siteId: string, siteType: SiteType, name: string) =>
      record(
        siteStreamId(siteId),
        this.streams.decide(siteDecider, siteStreamId(siteId), {
          type: 'RegisterSite',
          siteId,
          name,
          siteType,
          active: true,
          at,
          now: at,
        }),
      );
    for (const c of CENTERS) site(c, 'BLOOD_CENTER', `Blood center ${c}`);
    for (const h of this.hospitals) site(h, 'HOSPITAL', `Hospital ${h}`);
    const alliance = allianceStreamId('CITY-ALLIANCE');
    record(
      alliance,
      this.streams.decide(allianceDecider, alliance, {
        type: 'FormAlliance',
        allianceId: 'CITY-ALLIANCE',
        name: 'City emergency supply alliance',
        members: CENTERS.map((c) => siteFactsOf(c, this.streams.stateOf(siteDecider, siteStreamId(c)))),
        at,
        now: at,
      }),
    );
    return made;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  /** Many facts share an instant (a reaction and its cause, a box's units): the last one is kept. */
  private iso(ms: number): string {
    if (ms !== this.lastIso.ms) this.lastIso = { ms, iso: new Date(ms).toISOString() };
    return this.lastIso.iso;
  }

  /** Puts one event in its day's bucket; the event id is allocated here unless given. */
  private plan(
    at: number,
    streamId: string,
    type: string,
    data: object,
    actor: Actor,
    correlationId: string,
    options: { id?: Allocated; cause?: Allocated; commandId?: string } = {},
  ): Allocated {
    /* A reaction carries its reactor's command id, and its cause when it has one (the expiry sweep has none). */
    const id = options.id ?? this.allocate(at);
    const day = Math.floor((at - this.start) / DAY);
    if (day < this.written)
      throw new Error(`The demo planned ${type} on ${streamId} for a day already written`);
    const bucket = this.buckets.get(day) ?? [];
    bucket.push({
      event: {
        eventId: id.id,
        streamId,
        type,
        data: data as Record<string, unknown>,
        occurredAt: this.iso(at),
        actor,
        correlationId,
        ...(options.cause ? { causationId: options.cause.id } : {}),
        ...(options.commandId ? { commandId: options.commandId } : {}),
      },
      tie: options.cause?.rank ?? id.rank,
      reaction: options.commandId !== undefined,
      seq: (this.seq += 1),
    });
    this.buckets.set(day, bucket);
    return id;
  }

  /** What a person records: decided by the owner's decider on the stream's state, then planned. */
  private record<Command extends { type: string }, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    at: number,
    actor: Actor,
    correlationId: string,
    ids: Allocated[] = [],
  ): { event: Event; id: Allocated }[] {
    return this.streams.decide(decider, streamId, command).map((event, i) => ({
      event,
      id: this.plan(at, streamId, event.type, event.data as object, actor, correlationId, { id: ids[i] }),
    }));
  }

  /**
   * What the system does in reaction to `cause`: decided by the unit decider always (later commands
   * depend on it), emitted only when the plan includes reactions, with the live reactor's command id.
   */
  private react(
    unitId: string,
    command: UnitCommand,
    at: number,
    cause: Allocated | undefined,
    commandId: string,
    siteId: string,
    correlationId: string,
  ): void {
    const events = this.streams.decide(unitDecider, unitStreamId(unitId), command);
    /* Ids are allocated either way, so the facts get the same ids with or without the reactions. */
    const ids = events.map(() => this.allocate(at));
    if (!this.planReactions) return;
    for (const [i, event] of events.entries()) {
      const id = ids[i];
      this.plan(at, unitStreamId(unitId), event.type, event.data, systemActor(siteId), correlationId, {
        id,
        ...(cause ? { cause } : {}),
        commandId,
      });
    }
  }

  private unit(unitId: string): Unit {
    const state = this.streams.stateOf(unitDecider, unitStreamId(unitId));
    if (state.status === 'None') throw new Error(`The demo has no unit ${unitId}`);
    return state;
  }

  private din(site: string, at: number): string {
    const year = new Date(at).getUTCFullYear().toString().slice(2);
    const key = `${site}${year}`;
    this.sequence[key] = (this.sequence[key] ?? 0) + 1;
    return `${FACILITY[site]}${year}${String(this.sequence[key]).padStart(6, '0')}`;
  }

  private group(): BloodGroup {
    let roll = this.random() * 100;
    for (const g of GROUPS) {
      roll -= g.w;
      if (roll <= 0) return { abo: g.abo, rhd: g.rhd };
    }
    return { abo: 'O', rhd: 'POS' };
  }

  private donation(day: number, index: number): void {
    const site = this.chance(0.6) ? 'BC-1' : this.pick(CENTERS.slice(1));
    const at = this.start + day * DAY + 8 * HOUR + Math.floor(this.random() * 9 * HOUR);
    const apheresis = this.chance(0.08);
    const procedure: Procedure = apheresis ? 'APHERESIS_PLATELETS' : 'WHOLE_BLOOD';
    const screenedAt = at - 30 * MINUTE;
    const donorIndex = this.donorForDonation(index, procedure, screenedAt);
    const donorId = donorIdOf(donorIndex);
    const corr = `demo-${(this.correlation += 1)}`;
    const din = this.din(site, at);
    const volumeMl = apheresis ? 250 : this.pick([200, 300, 400, 400, 400]);
    const doses = apheresis ? (this.chance(0.4) ? 2 : 1) : undefined;
    const drawn = this.group();
    /* A donor's group does not change between donations: the laboratory checks it against the history. */
    const group = this.donorGroups.get(donorIndex) ?? drawn;
    this.donorGroups.set(donorIndex, group);
    const seroconverts = donorIndex === this.seroDonor && !this.seroDone && index >= this.seroIndex;
    const clinic = this.actor('donor-clinic', site);
    const donor = donorStreamId(donorId);
    this.summary.donations += 1;
    if (!this.registered.has(donorIndex)) {
      this.registered.add(donorIndex);
      this.summary.donors += 1;
      this.record(
        donorDecider,
        donor,
        {
          type: 'RegisterDonor',
          donorId,
          sex: this.chance(0.5) ? 'M' : 'F',
          birthDate: '1990-05-01',
          siteId: site,
          at: this.iso(at - HOUR),
        },
        at - HOUR,
        clinic,
        corr,
      );
    }
    /* The donor decider screens the donor on the donations it has given (the history the handler reads). */
    const screened = this.record(
      donorDecider,
      donor,
      this.screening(donorIndex, din, procedure, screenedAt),
      screenedAt,
      clinic,
      corr,
    );
    if (!screened.some(({ event }) => event.type === 'DonorFoundEligible')) {
      throw new DemoCommandRefused(donor, 'ScreenDonor', new Error(`${donorId} was deferred`));
    }
    const bagLot = `BAG-${site}-${Math.floor(day / 30)}`;
    const siteType: DonationStartedContract['siteType'] = this.chance(0.3) ? 'MOBILE_VEHICLE' : 'FIXED_SITE';
    const groupDonation = this.chance(0.25);
    const ended = at + (apheresis ? 80 : 12) * MINUTE;
    /* The collection decider records the donation, as the start and complete handlers would: only a valid collection gets in. */
    const collection = donationStreamId(din);
    const phlebotomist = this.actor('phlebotomist', site);
    this.record(
      donationDecider,
      collection,
      {
        type: 'StartDonation',
        din,
        donorId,
        procedure,
        ...(apheresis ? {} : { nominalVolumeMl: volumeMl }),
        ...(doses ? { plateletDoses: doses } : {}),
        siteId: site,
        siteType,
        bagLot,
        operatorId: `phleb-${site}`,
        groupDonation,
        eligibility: { eligible: true, reasons: [] },
        profile: COLLECTION_PROFILE,
        startedAt: this.iso(at),
        at: this.iso(at),
      },
      at,
      phlebotomist,
      corr,
    );
    this.record(
      donationDecider,
      collection,
      {
        type: 'CompleteDonation',
        din,
        measuredVolumeMl: volumeMl,
        endedAt: this.iso(ended),
        profile: COLLECTION_PROFILE,
        now: this.iso(ended),
      },
      ended,
      phlebotomist,
      corr,
    );
    this.streams.forget(collection);
    this.history.set(donorIndex, [
      ...(this.history.get(donorIndex) ?? []),
      { procedure, at: this.iso(ended) },
    ]);

    const tested = ended + 20 * HOUR;
    const reactive: Marker[] = seroconverts ? ['HIV'] : this.chance(0.012) ? [this.pick(MARKERS)] : [];
    const first = this.pick(ELISA_MAKERS);
    const second = this.pick(ELISA_MAKERS.filter((m) => m !== first));
    const testing = testDonation({
      din,
      donorId,
      collectedAt: ended,
      testedAt: tested,
      group,
      historicalGroup: this.qualifiedGroups.get(donorIndex) ?? null,
      reactive,
      confirmed: seroconverts,
      makers: [first, second, this.pick(ELISA_MAKERS)],
      instrument: `LAB-ANALYSER-${1 + (day % 3)}`,
      lotPeriod: Math.floor(day / 14),
      alt: 10 + Math.floor(this.random() * 30),
    });
    const lab = this.actor('laboratory', LAB_SITE);
    let conclusion: { at: number; id: Allocated; event: DomainEvent } | undefined;
    for (const { at: when, event } of testing) {
      const id = this.plan(when, donationTestingStreamId(din), event.type, event.data, lab, corr);
      if (event.type === DONATION_QUALIFIED || event.type === DONATION_REJECTED) {
        conclusion = { at: when, id, event };
      }
    }
    if (!conclusion) throw new Error(`The laboratory did not conclude ${din}`);
    if (conclusion.event.type === DONATION_QUALIFIED) {
      /* The conclusion handler appends the donor's group on record beside the qualification, judged against the record. */
      const recorded = this.streams.decide(donorBloodGroupDecider, donorBloodGroupStreamId(donorId), {
        type: 'RecordDonorBloodGroup',
        donorId,
        din,
        bloodGroup: group,
        qualifiedAt: this.iso(conclusion.at),
        judgedAgainst: this.qualifiedGroups.get(donorIndex) ?? null,
      });
      for (const event of recorded) {
        this.plan(conclusion.at, donorBloodGroupStreamId(donorId), event.type, event.data, lab, corr);
      }
    }
    if (reactive.length === 0) this.qualifiedGroups.set(donorIndex, group);
    if (seroconverts) {
      this.seroDone = true;
      this.summary.seroconvertedDonorId = donorId;
    }
    this.components(din, donorId, site, ended, conclusion, apheresis, doses, volumeMl, corr);
  }

  /**
   * Repeat donors: most donations come from a smaller, loyal pool, each called in only when the
   * donor decider would find them eligible (CN 2019 intervals: whole blood every 6 months); when
   * none of the drawn ones may give yet, a new donor comes. One donor gives whole blood every 190
   * days up to 80% of the timeline and then seroconverts, so a lookback has earlier donations to find.
   */
  private donorForDonation(index: number, procedure: Procedure, screenedAt: number): number {
    const period = this.perDay * 190;
    const donorsTurn = index >= this.seroIndex || (this.seroIndex - index) % period === 0;
    if (donorsTurn && !this.seroDone && this.mayGive(this.seroDonor, procedure, screenedAt)) {
      return this.seroDonor;
    }
    for (let draw = 0; draw < 25; draw += 1) {
      let donor = Math.floor(Math.pow(this.random(), 1.6) * this.donorCount);
      if (donor === this.seroDonor) donor += 1;
      if (this.mayGive(donor, procedure, screenedAt)) return donor;
    }
    return this.donorCount + (this.newDonors += 1);
  }

  /** What the screening would decide now, without recording it: a new donor may always give. */
  private mayGive(donorIndex: number, procedure: Procedure, screenedAt: number): boolean {
    if (!this.registered.has(donorIndex)) return true;
    const key = `${donorIndex}|${procedure}`;
    const until = this.deferredUntil.get(key);
    if (until !== undefined && this.iso(screenedAt) < until) return false;
    const state = this.streams.stateOf(donorDecider, donorStreamId(donorIdOf(donorIndex)));
    const trial = this.screening(donorIndex, 'trial', procedure, screenedAt);
    const [, outcome] = donorDecider.decide(trial, state);
    if (outcome?.type === 'DonorFoundEligible') return true;
    /* A temporary deferral says until when: the donor is not asked again before (a permanent one: never). */
    const deferred = outcome?.type === 'DonorDeferred' ? outcome.data : undefined;
    this.deferredUntil.set(key, deferred?.until ?? '9999-12-31T00:00:00.000Z');
    return false;
  }

  private screening(
    donorIndex: number,
    din: string,
    procedure: Procedure,
    screenedAt: number,
  ): DonorCommand & { type: 'ScreenDonor' } {
    return {
      type: 'ScreenDonor',
      donorId: donorIdOf(donorIndex),
      screeningId: `scr-${din}`,
      deferralId: `def-${din}`,
      procedure,
      measurements: HEALTHY,
      answers: NO_TO_EVERY_QUESTION,
      history: this.history.get(donorIndex) ?? [],
      profile: DONOR_PROFILE,
      screenedAt: this.iso(screenedAt),
      at: this.iso(screenedAt),
    };
  }

  /**
   * The donation's units, prepared and stored through the unit decider, then released or discarded
   * in reaction to the laboratory's conclusion (components.laboratory-outcome), then pooled, shipped
   * or left to expire.
   */
  private components(
    din: string,
    donorId: string,
    site: string,
    collected: number,
    conclusion: { at: number; id: Allocated; event: DomainEvent },
    apheresis: boolean,
    doses: number | undefined,
    volumeMl: number,
    corr: string,
  ): void {
    const prepared = collected + (apheresis ? 1 : 4) * HOUR;
    const products: { p: ProductDefinition; volume: number }[] = apheresis
      ? [{ p: APHERESIS_PLATELETS, volume: 250 }]
      : [
          { p: RED_CELLS, volume: Math.round(volumeMl * 0.6) },
          { p: PLASMA, volume: Math.round(volumeMl * 0.45) },
          ...(this.chance(0.3) ? [{ p: PLATELET_CONCENTRATE, volume: 50 }] : []),
        ];
    const staff = this.actor('components', site);
    const concluded = conclusion.at;
    for (const { p, volume } of products) {
      const productCode = codeOf(p);
      const unitId = `${din}-${productCode}`;
      const stream = unitStreamId(unitId);
      this.record(
        unitDecider,
        stream,
        {
          type: 'PrepareUnit',
          unitId,
          din,
          donorId,
          productCode,
          product: p,
          volumeMl: volume,
          ...(doses ? { plateletDoses: doses } : {}),
          ...(p.category === 'RED_CELLS' ? { bloodUnits: volumeMl / CATALOG.bloodUnitMl } : {}),
          siteId: site,
          equipmentId: apheresis
            ? `APHERESIS-${site}-1`
            : `CENTRIFUGE-${site}-${1 + Math.floor(this.random() * 3)}`,
          method: apheresis ? 'APHERESIS' : 'SEPARATION',
          parentUnitIds: [],
          sourceDins: [din],
          preparedAt: this.iso(prepared),
          collectionEndedAt: this.iso(collected),
          parentsReleased: false,
        },
        prepared,
        staff,
        corr,
      );
      this.record(
        unitDecider,
        stream,
        {
          type: 'StoreUnit',
          siteId: site,
          equipmentId: `${KEPT[p.category].equipment}-${site}-1`,
          equipmentRange: p.storage,
          productRange: p.storage,
          at: this.iso(prepared + 10 * MINUTE),
        },
        prepared + 10 * MINUTE,
        staff,
        corr,
      );
      const commandId = `${LABORATORY_OUTCOME}:${conclusion.id.id}`;
      if (conclusion.event.type === DONATION_REJECTED) {
        const rejected = conclusion.event.data as DonationRejectedContract;
        this.react(
          unitId,
          unitCommandOnConclusion(
            {
              outcome: 'REJECTED',
              reactiveMarkers: rejected.reactiveMarkers,
              cause: { type: DONATION_REJECTED, eventId: conclusion.id.id },
            },
            this.iso(concluded),
          ),
          concluded,
          conclusion.id,
          commandId,
          site,
          corr,
        );
        this.streams.forget(stream);
        continue;
      }
      const qualified = conclusion.event.data as DonationQualifiedContract;
      this.react(
        unitId,
        unitCommandOnConclusion(
          {
            outcome: 'QUALIFIED',
            bloodGroup: qualified.bloodGroup,
            phenotype: qualified.phenotype,
            cause: { type: DONATION_QUALIFIED, eventId: conclusion.id.id },
          },
          this.iso(concluded),
        ),
        concluded,
        conclusion.id,
        commandId,
        site,
        corr,
      );
      const unit = this.unit(unitId);
      if (p.productType === 'PLATELET_CONCENTRATE') {
        const key = `${site}|${qualified.bloodGroup.abo}${qualified.bloodGroup.rhd}`;
        const waiting = this.poolCandidates.get(key) ?? [];
        waiting.push({ unitId, at: concluded + HOUR, site, expires: Date.parse(unit.expiresAt) });
        this.poolCandidates.set(key, waiting);
        continue;
      }
      this.distribute(unitId, p.category, site, concluded, corr);
    }
  }

  private get planReactions(): boolean {
    return this.options.planReactions === true;
  }

  private distribute(unitId: string, category: ProductCategory, site: string, ready: number, corr: string) {
    const expires = Date.parse(this.unit(unitId).expiresAt);
    const wanted = category === 'PLASMA' ? 0.55 : 0.93;
    if (!this.chance(wanted)) return this.expiresUnused(unitId, site, expires, corr);
    let holder = site;
    let leaves = ready + (1 + Math.floor(this.random() * 4)) * DAY;
    const transfer = this.chance(0.06);
    /* Only units in date leave (the shipment decider refuses the others): a late one expires in stock. */
    const arrives = this.departureOn(leaves + (transfer ? DAY : 0)) + 2 * HOUR;
    if (arrives >= expires - HOUR) return this.expiresUnused(unitId, site, expires, corr);
    if (transfer) {
      const partner = this.pick(CENTERS.filter((c) => c !== site));
      this.ship(unitId, category, 'CENTER_TRANSFER', holder, partner, leaves, corr);
      holder = partner;
      leaves += DAY;
    }
    const hospital = this.pick(this.hospitals);
    const received = this.ship(unitId, category, 'HOSPITAL_ISSUE', holder, hospital, leaves, corr);
    const used = leaves + (1 + Math.floor(this.random() * 3)) * DAY;
    if (used < expires && this.chance(0.94)) {
      return this.transfuse(unitId, category, hospital, received, used, corr);
    }
    return this.expiresUnused(unitId, hospital, expires, corr);
  }

  /**
   * The hourly expiry sweep records it (command id expiry:<unitId>), in stock or at the hospital.
   * Decided always, emitted only with the reactions; the unit's stream is then done.
   */
  private expiresUnused(unitId: string, site: string, expires: number, corr: string): void {
    const swept = Math.ceil(expires / HOUR) * HOUR;
    this.react(
      unitId,
      { type: 'ExpireUnit', at: this.iso(swept) },
      swept,
      undefined,
      expiryCommandId(unitId),
      site,
      corr,
    );
    this.streams.forget(unitStreamId(unitId));
  }

  /** Shipments leave at 14:00 on the day they are planned. */
  private departureOn(at: number): number {
    return this.start + Math.floor((at - this.start) / DAY) * DAY + 14 * HOUR;
  }

  /**
   * Puts the unit in that day's box for its family (one transport temperature per box), as the
   * shipper finds it now, then lets the unit's stream follow the dispatch and the receipt
   * (components.unit-lifecycle), whose event ids are reserved here.
   */
  private ship(
    unitId: string,
    category: ProductCategory,
    type: 'HOSPITAL_ISSUE' | 'CENTER_TRANSFER',
    from: string,
    to: string,
    at: number,
    corr: string,
  ): number {
    const day = Math.floor((at - this.start) / DAY);
    const family = KEPT[category].equipment;
    const shipmentId = `${from}-${to}-${day}-${family}`;
    const departs = this.start + day * DAY + 14 * HOUR;
    const received = departs + 2 * HOUR;
    const plan = this.shipments.get(shipmentId) ?? {
      shipmentId,
      type,
      from,
      to,
      at: departs,
      category,
      units: [],
      dispatched: this.allocate(departs),
      received: this.allocate(received),
    };
    plan.units.push(packableOf(this.unit(unitId), category));
    this.shipments.set(shipmentId, plan);
    this.react(
      unitId,
      { type: 'RecordUnitShipped', shipmentId, fromSiteId: from, toSiteId: to, at: this.iso(departs) },
      departs,
      plan.dispatched,
      `${UNIT_LIFECYCLE}:${plan.dispatched.id}:shipped`,
      from,
      corr,
    );
    this.react(
      unitId,
      {
        type: 'TransferUnitCustody',
        shipmentId,
        fromSiteId: from,
        toSiteId: to,
        custodianType: type === 'HOSPITAL_ISSUE' ? 'HOSPITAL' : 'BLOOD_CENTER',
        via: 'RECEIVED',
        at: this.iso(received),
      },
      received,
      plan.received,
      `${UNIT_LIFECYCLE}:${plan.received.id}:received`,
      to,
      corr,
    );
    return received;
  }

  /** Each box of the day through the shipment decider: created, packed, dispatched, received intact. */
  private flushShipments(day: number): void {
    for (const [id, s] of this.shipments) {
      if (Math.floor((s.at - this.start) / DAY) > day) continue;
      this.shipments.delete(id);
      const stream = shipmentStreamId(s.shipmentId);
      const corr = `demo-ship-${s.shipmentId}`;
      const shipper = this.actor('distribution', s.from);
      const consignee = siteFactsOf(s.to, this.streams.stateOf(siteDecider, siteStreamId(s.to)));
      const temperatureC = KEPT[s.category].transportC;
      this.record(
        shipmentDecider,
        stream,
        {
          type: 'CreateShipment',
          shipmentId: s.shipmentId,
          shipmentType: s.type,
          fromSiteId: s.from,
          toSiteId: s.to,
          consignee,
          at: this.iso(s.at - HOUR),
        },
        s.at - HOUR,
        shipper,
        corr,
      );
      for (const unit of s.units) {
        this.record(
          shipmentDecider,
          stream,
          { type: 'PackUnit', unit, siteId: s.from, at: this.iso(s.at - 30 * MINUTE) },
          s.at - 30 * MINUTE,
          shipper,
          corr,
        );
      }
      this.record(
        shipmentDecider,
        stream,
        {
          type: 'DispatchShipment',
          carrier: 'Cold-chain van',
          coolerId: `COOLER-${s.from}-${KEPT[s.category].equipment}`,
          temperatureC,
          units: s.units,
          consignee,
          profile: DISTRIBUTION_PROFILE,
          siteId: s.from,
          dispatchedAt: this.iso(s.at),
          at: this.iso(s.at),
        },
        s.at,
        shipper,
        corr,
        [s.dispatched],
      );
      this.record(
        shipmentDecider,
        stream,
        {
          type: 'ReceiveShipment',
          condition: 'INTACT',
          temperatureC,
          units: s.units.map((u) => ({ unitId: u.unitId, accepted: true })),
          siteId: s.to,
          receivedAt: this.iso(s.at + 2 * HOUR),
          profile: DISTRIBUTION_PROFILE,
          at: this.iso(s.at + 2 * HOUR),
        },
        s.at + 2 * HOUR,
        this.actor(s.type === 'HOSPITAL_ISSUE' ? 'hospital' : 'distribution', s.to),
        corr,
        [s.received],
      );
      this.streams.forget(stream);
    }
  }

  /**
   * Released platelets of one group at one site, four at a time, pooled as the pool handler does
   * (planPool on the parents as unitMayBeProcessed reads them, each parent consumed into the pool).
   * Fewer than four wait for partners of their group; when the oldest nears expiry, two or three are
   * pooled, and a unit left alone expires unused.
   */
  private poolPlatelets(day: number): void {
    const endOfDay = this.start + (day + 1) * DAY;
    /* Pooled no earlier than 09:00 today: the days before are already written. */
    const today = this.start + day * DAY + 9 * HOUR;
    for (const [key, waiting] of this.poolCandidates) {
      let ready = waiting.filter((c) => c.at <= endOfDay);
      const rest = waiting.filter((c) => c.at > endOfDay);
      while (ready.length >= 4) {
        this.pool(ready.slice(0, 4), today);
        ready = ready.slice(4);
      }
      if (ready.length > 0 && ready[0].expires - endOfDay <= 2 * DAY) {
        if (ready.length >= 2) this.pool(ready, today);
        else
          this.expiresUnused(
            ready[0].unitId,
            ready[0].site,
            ready[0].expires,
            `demo-pool-${ready[0].unitId}`,
          );
        ready = [];
      }
      if (ready.length + rest.length === 0) this.poolCandidates.delete(key);
      else this.poolCandidates.set(key, [...ready, ...rest]);
    }
  }

  private pool(parents: PoolCandidate[], earliest: number): void {
    const site = parents[0].site;
    const at = Math.max(earliest, ...parents.map((p) => p.at + HOUR));
    const poolDin = this.din(site, at);
    const corr = `demo-pool-${poolDin}`;
    const staff = this.actor('components', site);
    const units = parents.map((p) =>
      unitMayBeProcessed(this.streams.stateOf(unitDecider, unitStreamId(p.unitId)), site, this.iso(at)),
    );
    const prepare = planPool(units, poolDin, {
      catalog: CATALOG,
      siteId: site,
      equipmentId: `POOLER-${site}`,
      at: this.iso(at),
    });
    this.record(unitDecider, unitStreamId(prepare.unitId), prepare, at, staff, corr);
    for (const parent of parents) {
      this.record(
        unitDecider,
        unitStreamId(parent.unitId),
        { type: 'ConsumeUnit', intoUnitIds: [prepare.unitId], method: 'POOLING', at: this.iso(at) },
        at,
        staff,
        corr,
      );
      this.streams.forget(unitStreamId(parent.unitId));
    }
    this.summary.samplePooledUnitId ??= prepare.unitId;
    this.distribute(prepare.unitId, 'PLATELETS', site, at, corr);
  }

  /**
   * The hospital's steps, each through its decider as its handler would send it: the patient is
   * registered and typed (two samples when the crossmatch is electronic), blood is requested, the
   * unit crossmatched (allocated, with its reservation) on the facts hospital stock holds of it,
   * issued, checked at the bedside, and transfused. The unit's stream follows the allocation and
   * the transfusion (components.unit-lifecycle).
   */
  private transfuse(
    unitId: string,
    category: ProductCategory,
    hospital: string,
    receivedAt: number,
    at: number,
    corr: string,
  ): void {
    const patientId = `PAT-${hospital}-${String((this.patients += 1)).padStart(6, '0')}`;
    const requestId = `REQ-${unitId}`;
    const stream = transfusionRequestStreamId(requestId);
    const patientStream = patientStreamId(patientId);
    const unit = this.unit(unitId);
    if (!unit.bloodGroup) throw new Error(`Unit ${unitId} has no blood group to transfuse`);
    const ward = this.actor('hospital', hospital);
    const electronic = this.chance(0.3);
    const given = (ms: number) => ({
      actor: ward,
      now: this.iso(ms),
      occurredAt: this.iso(ms),
      timePolicy: TRANSFUSION_PROFILE.businessTime,
    });
    const step = <Command extends { type: string }, Event extends DomainEvent, State>(
      decider: Decider<Command, Event, State>,
      streamId: string,
      ms: number,
      command: Command,
    ) => this.record(decider, streamId, command, ms, ward, corr);
    step(patientDecider, patientStream, at - 6 * HOUR, {
      type: 'RegisterPatient',
      patientId,
      hospitalSiteId: hospital,
      ...given(at - 6 * HOUR),
    });
    const samples = electronic ? [at - 5 * HOUR, at - 4 * HOUR - 30 * MINUTE] : [at - 5 * HOUR];
    for (const [i, ms] of samples.entries()) {
      step(patientDecider, patientStream, ms, {
        type: 'RecordPatientSample',
        sampleId: `S-${requestId}-${i + 1}`,
        collectedAt: this.iso(ms),
        bloodGroup: unit.bloodGroup,
        antibodyScreen: 'NEGATIVE',
        profile: TRANSFUSION_PROFILE,
        ...given(ms),
      });
    }
    const patient = this.streams.stateOf(patientDecider, patientStream);
    if (patient.status !== 'Registered') throw new Error(`Patient ${patientId} is not registered`);
    this.streams.forget(patientStream);
    const product =
      category === 'RED_CELLS' || category === 'PLASMA' || category === 'PLATELETS' ? category : null;
    if (!product) throw new Error(`The demo does not transfuse ${category}`);
    step(transfusionRequestDecider, stream, at - 4 * HOUR, {
      type: 'RequestTransfusion',
      requestId,
      patient,
      product,
      quantity: 1,
      urgency: 'ROUTINE',
      irradiated: false,
      leukoreduced: false,
      antigenNegative: [],
      indication: 'Anaemia',
      ...given(at - 4 * HOUR),
    });
    const crossmatched = at - 3 * HOUR;
    const facts: UnitFacts = {
      unitId,
      din: unit.din,
      productCode: unit.productCode,
      product,
      bloodGroup: unit.bloodGroup,
      phenotype: unit.phenotype ?? {},
      irradiated: false,
      leukoreduced: false,
      expiresAt: unit.expiresAt,
      releaseStatus: unit.status,
      siteId: hospital,
      hospitalStatus: 'AVAILABLE',
      receivedAt: this.iso(receivedAt),
    };
    const matched = step(transfusionRequestDecider, stream, crossmatched, {
      type: 'CrossmatchUnit',
      unit: facts,
      patient,
      method: electronic ? 'ELECTRONIC' : 'SEROLOGICAL',
      ...(electronic ? {} : { serologicalResult: 'COMPATIBLE' as const }),
      profile: TRANSFUSION_PROFILE,
      ...given(crossmatched),
    });
    const allocated = matched.find(({ event }) => event.type === UNIT_ALLOCATED);
    if (!allocated)
      throw new DemoCommandRefused(stream, 'CrossmatchUnit', new Error(`${unitId} was not allocated`));
    /* The allocation and the unit's reservation are one append in the handler (reservationIfAllocated). */
    step(unitReservationDecider, unitReservationStreamId(unitId), crossmatched, {
      type: 'ReserveUnitForRequest',
      unitId,
      requestId,
      at: this.iso(crossmatched),
    });
    this.streams.forget(unitReservationStreamId(unitId));
    this.react(
      unitId,
      {
        type: 'RecordUnitAllocated',
        requestId,
        hospitalSiteId: hospital,
        cause: { type: UNIT_ALLOCATED, eventId: allocated.id.id },
        at: this.iso(crossmatched),
      },
      crossmatched,
      allocated.id,
      `${UNIT_LIFECYCLE}:${allocated.id.id}:hospital`,
      hospital,
      corr,
    );
    step(transfusionRequestDecider, stream, at - HOUR, {
      type: 'IssueUnitToWard',
      unitId,
      ward: 'WARD-3',
      ...given(at - HOUR),
    });
    step(transfusionRequestDecider, stream, at - 10 * MINUTE, {
      type: 'VerifyAtBedside',
      scannedPatientId: patientId,
      scannedDin: unit.din,
      scannedProductCode: unit.productCode,
      ...given(at - 10 * MINUTE),
    });
    step(transfusionRequestDecider, stream, at, {
      type: 'StartTransfusion',
      unitId,
      startedAt: this.iso(at),
      vitals: VITALS,
      ...given(at),
    });
    const ended = at + 2 * HOUR;
    const done = step(transfusionRequestDecider, stream, ended, {
      type: 'EndTransfusion',
      unitId,
      endedAt: this.iso(ended),
      volumeMl: unit.volumeMl,
      ...given(ended),
    });
    this.streams.forget(stream);
    const transfused = done.find(({ event }) => event.type === UNIT_TRANSFUSED);
    if (!transfused)
      throw new DemoCommandRefused(stream, 'EndTransfusion', new Error(`${unitId} was not transfused`));
    /* components.unit-lifecycle mirrors the transfusion on the unit's stream: the unit has left stock for good. */
    this.react(
      unitId,
      {
        type: 'RecordUnitTransfused',
        requestId,
        hospitalSiteId: hospital,
        cause: { type: UNIT_TRANSFUSED, eventId: transfused.id.id },
        at: this.iso(ended),
      },
      ended,
      transfused.id,
      `${UNIT_LIFECYCLE}:${transfused.id.id}:hospital`,
      hospital,
      corr,
    );
    this.streams.forget(unitStreamId(unitId));
    this.summary.sampleUnitId ??= unitId;
    this.summary.samplePatientId ??= patientId;
  }
}
