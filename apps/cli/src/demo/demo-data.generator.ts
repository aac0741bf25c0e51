import type { Actor, BloodGroup, Marker, ProductCategory, Role, SiteType } from '@hemotrace/kernel';
import type { DonationStartedContract, Procedure } from '@hemotrace/collection/contracts';
import { collectionProfileFor, donationDecider } from '@hemotrace/collection/tooling';
import type { Decider, DomainEvent } from '@hemotrace/event-sourcing';
import { LAB_SITE, testDonation } from './demo-laboratory';
import type {
  ProductType,
  UnitConsumedContract,
  UnitCustodyTransferredContract,
  UnitDiscardedContract,
  UnitExpiredContract,
  UnitPreparedContract,
  UnitQualifiedContract,
  UnitReleasedContract,
  UnitShippedContract,
  UnitStoredContract,
} from '@hemotrace/components/contracts';
import type {
  ShipmentCreatedContract,
  ShipmentDispatchedContract,
  ShipmentReceivedContract,
  UnitPackedContract,
} from '@hemotrace/distribution/contracts';
import type { DonorFoundEligibleContract, DonorRegisteredContract } from '@hemotrace/donors/contracts';
import type { AllianceFormedContract, SiteRegisteredContract } from '@hemotrace/sites/contracts';
import type {
  BedsideCheckPassedContract,
  CrossmatchPerformedContract,
  UnitIssuedToWardContract,
  UnitTransfusedContract,
} from '@hemotrace/transfusion/contracts';
import { DONATION_STARTED, donationStreamId } from '@hemotrace/collection/contracts';
import {
  UNIT_CONSUMED,
  UNIT_CUSTODY_TRANSFERRED,
  UNIT_DISCARDED,
  UNIT_EXPIRED,
  UNIT_PREPARED,
  UNIT_QUALIFIED,
  UNIT_RELEASED,
  UNIT_SHIPPED,
  UNIT_STORED,
  unitStreamId,
} from '@hemotrace/components/contracts';
import {
  SHIPMENT_CREATED,
  SHIPMENT_DISPATCHED,
  SHIPMENT_RECEIVED,
  UNIT_PACKED,
  shipmentStreamId,
} from '@hemotrace/distribution/contracts';
import { DONOR_FOUND_ELIGIBLE, DONOR_REGISTERED, donorStreamId } from '@hemotrace/donors/contracts';
import {
  DONATION_QUALIFIED,
  DONATION_REJECTED,
  donationTestingStreamId,
} from '@hemotrace/laboratory/contracts';
import { ALLIANCE_FORMED, SITE_REGISTERED, allianceStreamId, siteStreamId } from '@hemotrace/sites/contracts';
import {
  BEDSIDE_CHECK_PASSED,
  CROSSMATCH_PERFORMED,
  UNIT_ISSUED_TO_WARD,
  UNIT_TRANSFUSED,
  transfusionRequestStreamId,
} from '@hemotrace/transfusion/contracts';

/** One event the generator plans: contract-shaped, for a writer to append (through the store or raw). */
export interface PlannedEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
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
   * Also plan what the system does in reaction (release, discard on rejection, custody on each
   * unit's stream, expiry) as plain events. Only for the raw benchmark writer, which runs no
   * reactions; the demo loader leaves them to the live reactors, so replays find their command ids.
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

/** Runs commands through a decider on the history they build, as the handlers would: the events it records. */
const decided = <Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  commands: Command[],
): Event[] => {
  let state = decider.initialState;
  const events: Event[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  return events;
};
const HOUR = 3_600_000;
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

/** A product the demo prepares: ISBT 128 code, type and family, volume. */
interface DemoProduct {
  code: string;
  type: ProductType;
  category: ProductCategory;
  volume: number;
}

interface ShipmentPlan {
  shipmentId: string;
  type: 'HOSPITAL_ISSUE' | 'CENTER_TRANSFER';
  from: string;
  to: string;
  at: number;
  units: {
    unitId: string;
    productCode: string;
    productType: ProductType;
    category: ProductCategory;
    volumeMl: number;
    expiresAt: string;
  }[];
}

/**
 * A realistic vein-to-vein history, in time order, bucketed by day so memory stays bounded:
 * repeat donors, whole blood split into red cells, plasma and platelet concentrates (pooled by
 * four), apheresis platelets, five markers with reagent lots, hospital issues, transfers between
 * allied centres, crossmatch, bedside check, transfusion, expiry, and one seroconversion.
 */
export class DemoDataGenerator {
  private readonly random: () => number;
  private readonly start: number;
  private readonly perDay: number;
  private readonly donorCount: number;
  private readonly hospitals: string[];
  private readonly buckets = new Map<number, PlannedEvent[]>();
  private readonly shipments = new Map<string, ShipmentPlan>();
  private readonly registered = new Set<number>();
  private readonly donorDonations = new Map<number, number>();
  private readonly donorGroups = new Map<number, BloodGroup>();
  private readonly qualifiedGroups = new Map<number, BloodGroup>();
  private readonly sequence: Record<string, number> = {};
  private poolCandidates: { unitId: string; din: string; donorId: string; at: number; site: string }[] = [];
  private correlation = 0;
  readonly summary: DemoSummary;
  private readonly seroDonor: number;
  private readonly seroIndex: number;
  private seroDone = false;

  constructor(private readonly options: DemoOptions) {
    this.random = prng(options.seed ?? 20260101);
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
      bucket.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
      for (const event of bucket) {
        this.summary.events += 1;
        yield event;
      }
      if (made >= this.options.donations && this.buckets.size === 0) break;
    }
  }

  /** Shipments go only to registered consignees: the centers, hospitals and their alliance exist before the first fact. */
  private masterData(): PlannedEvent[] {
    const at = this.iso(this.start - DAY);
    const actor: Actor = { userId: 'admin-BC-1', role: 'admin', siteId: 'BC-1' };
    const site = (siteId: string, siteType: SiteType, name: string): PlannedEvent => ({
      streamId: siteStreamId(siteId),
      type: SITE_REGISTERED,
      data: { siteId, name, siteType, active: true, registeredAt: at } satisfies SiteRegisteredContract,
      occurredAt: at,
      actor,
      correlationId: 'demo-master-data',
    });
    return [
      ...CENTERS.map((c) => site(c, 'BLOOD_CENTER', `Blood center ${c}`)),
      ...this.hospitals.map((h) => site(h, 'HOSPITAL', `Hospital ${h}`)),
      {
        streamId: allianceStreamId('CITY-ALLIANCE'),
        type: ALLIANCE_FORMED,
        data: {
          allianceId: 'CITY-ALLIANCE',
          name: 'City emergency supply alliance',
          members: CENTERS,
          formedAt: at,
        } satisfies AllianceFormedContract,
        occurredAt: at,
        actor,
        correlationId: 'demo-master-data',
      },
    ];
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  private plan(
    at: number,
    streamId: string,
    type: string,
    data: object,
    role: Role,
    siteId: string,
    correlationId: string,
  ) {
    const day = Math.floor((at - this.start) / DAY);
    const bucket = this.buckets.get(day) ?? [];
    bucket.push({
      streamId,
      type,
      data: data as Record<string, unknown>,
      occurredAt: this.iso(at),
      actor: { userId: `${role}-${siteId}`, role, siteId },
      correlationId,
    });
    this.buckets.set(day, bucket);
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
    const donorIndex = this.donorForDonation(index);
    const donorId = `donor-${String(donorIndex).padStart(6, '0')}`;
    const at = this.start + day * DAY + 8 * HOUR + Math.floor(this.random() * 9 * HOUR);
    const corr = `demo-${(this.correlation += 1)}`;
    const din = this.din(site, at);
    const apheresis = this.chance(0.08);
    const volumeMl = apheresis ? 250 : this.pick([200, 300, 400, 400, 400]);
    const doses = apheresis ? (this.chance(0.4) ? 2 : 1) : undefined;
    const drawn = this.group();
    /* A donor's group does not change between donations: the laboratory checks it against the history. */
    const group = this.donorGroups.get(donorIndex) ?? drawn;
    this.donorGroups.set(donorIndex, group);
    const seroconverts = donorIndex === this.seroDonor && !this.seroDone && index >= this.seroIndex;
    this.summary.donations += 1;
    if (!this.registered.has(donorIndex)) {
      this.registered.add(donorIndex);
      this.summary.donors += 1;
      this.plan(
        at - HOUR,
        donorStreamId(donorId),
        DONOR_REGISTERED,
        {
          donorId,
          sex: this.chance(0.5) ? 'M' : 'F',
          birthDate: '1990-05-01',
          registeredAt: this.iso(at - HOUR),
          siteId: site,
        } satisfies DonorRegisteredContract,
        'donor-clinic',
        site,
        corr,
      );
    }
    this.plan(
      at - 30 * 60_000,
      donorStreamId(donorId),
      DONOR_FOUND_ELIGIBLE,
      {
        donorId,
        screeningId: `scr-${din}`,
        procedure: apheresis ? 'APHERESIS_PLATELETS' : 'WHOLE_BLOOD',
        eligibleAt: this.iso(at - 30 * 60_000),
        validUntil: this.iso(at + DAY),
      } satisfies DonorFoundEligibleContract,
      'donor-clinic',
      site,
      corr,
    );
    const bagLot = `BAG-${site}-${Math.floor(day / 30)}`;
    const procedure: Procedure = apheresis ? 'APHERESIS_PLATELETS' : 'WHOLE_BLOOD';
    const siteType: DonationStartedContract['siteType'] = this.chance(0.3) ? 'MOBILE_VEHICLE' : 'FIXED_SITE';
    const groupDonation = this.chance(0.25);
    const ended = at + (apheresis ? 80 : 12) * 60_000;
    /* The collection decider records the donation, as the start and complete handlers would: only a valid collection gets in. */
    const collected = decided(donationDecider, [
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
      {
        type: 'CompleteDonation',
        din,
        measuredVolumeMl: volumeMl,
        endedAt: this.iso(ended),
        profile: COLLECTION_PROFILE,
        now: this.iso(ended),
      },
    ]);
    for (const event of collected) {
      const when = event.type === DONATION_STARTED ? at : ended;
      this.plan(when, donationStreamId(din), event.type, event.data, 'phlebotomist', site, corr);
    }
    this.donorDonations.set(donorIndex, (this.donorDonations.get(donorIndex) ?? 0) + 1);

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
    for (const { at: when, event } of testing) {
      this.plan(when, donationTestingStreamId(din), event.type, event.data, 'laboratory', LAB_SITE, corr);
    }
    const concluded = tested + 2 * HOUR;
    if (reactive.length === 0) this.qualifiedGroups.set(donorIndex, group);
    if (seroconverts) {
      this.seroDone = true;
      this.summary.seroconvertedDonorId = donorId;
    }
    this.components(
      din,
      donorId,
      site,
      ended,
      concluded,
      group,
      apheresis,
      doses,
      volumeMl,
      reactive.length > 0,
      corr,
    );
  }

  /**
   * Repeat donors: most donations come from a smaller, loyal pool. One donor gives about every two
   * months and seroconverts at 80% of the timeline, so a lookback has earlier donations to find.
   */
  private donorForDonation(index: number): number {
    const everyTwoMonths = Math.max(1, Math.min(this.perDay * 60, Math.floor(this.options.donations / 6)));
    const donorsTurn = index % everyTwoMonths === Math.floor(everyTwoMonths / 2) || index === this.seroIndex;
    if (donorsTurn && !this.seroDone) return this.seroDonor;
    let donor = Math.floor(Math.pow(this.random(), 1.6) * this.donorCount);
    if (donor === this.seroDonor) donor += 1;
    return donor;
  }

  private components(
    din: string,
    donorId: string,
    site: string,
    collected: number,
    concluded: number,
    group: BloodGroup,
    apheresis: boolean,
    doses: number | undefined,
    volumeMl: number,
    rejected: boolean,
    corr: string,
  ): void {
    const prepared = collected + (apheresis ? 1 : 4) * HOUR;
    const products: (DemoProduct & { life: number })[] = apheresis
      ? [{ code: 'E3090V00', type: 'APHERESIS_PLATELETS', category: 'PLATELETS', volume: 250, life: 5 }]
      : [
          {
            code: 'E0398V00',
            type: 'SUSPENDED_RED_CELLS',
            category: 'RED_CELLS',
            volume: Math.round(volumeMl * 0.6),
            life: 35,
          },
          {
            code: 'E0869V00',
            type: 'FRESH_FROZEN_PLASMA',
            category: 'PLASMA',
            volume: Math.round(volumeMl * 0.45),
            life: 365,
          },
          ...(this.chance(0.3)
            ? [
                {
                  code: 'E3077V00',
                  type: 'PLATELET_CONCENTRATE',
                  category: 'PLATELETS',
                  volume: 50,
                  life: 5,
                } as const,
              ]
            : []),
        ];
    for (const p of products) {
      const unitId = `${din}-${p.code}`;
      const expires = prepared + p.life * DAY;
      this.plan(
        prepared,
        unitStreamId(unitId),
        UNIT_PREPARED,
        {
          unitId,
          din,
          donorId,
          productCode: p.code,
          descriptionCode: p.code.slice(0, 5),
          productType: p.type,
          bloodGroup: group,
          volumeMl: p.volume,
          ...(doses ? { plateletDoses: doses } : {}),
          bloodUnits: p.category === 'RED_CELLS' ? volumeMl / 200 : undefined,
          preparedAt: this.iso(prepared),
          expiresAt: this.iso(expires),
          siteId: site,
          parentUnitIds: [],
          sourceDins: [din],
          method: apheresis ? 'APHERESIS' : 'SEPARATION',
          equipmentId: `CENTRIFUGE-${site}-${1 + Math.floor(this.random() * 3)}`,
          status: 'Quarantined',
        } satisfies UnitPreparedContract,
        'components',
        site,
        corr,
      );
      this.plan(
        prepared + 10 * 60_000,
        unitStreamId(unitId),
        UNIT_STORED,
        {
          unitId,
          siteId: site,
          equipmentId: `FRIDGE-${site}-1`,
          at: this.iso(prepared + 10 * 60_000),
        } satisfies UnitStoredContract,
        'components',
        site,
        corr,
      );
      if (rejected) {
        if (!this.planReactions) continue;
        this.plan(
          concluded + HOUR,
          unitStreamId(unitId),
          UNIT_DISCARDED,
          {
            unitId,
            reason: 'DONATION_REJECTED',
            discardedAt: this.iso(concluded + HOUR),
            cause: { type: DONATION_REJECTED },
          } satisfies UnitDiscardedContract,
          'components',
          site,
          corr,
        );
        continue;
      }
      if (this.planReactions) this.planRelease(unitId, group, site, concluded, corr);
      if (p.type === 'PLATELET_CONCENTRATE') {
        this.poolCandidates.push({ unitId, din, donorId, at: concluded + HOUR, site });
        continue;
      }
      this.distribute(unitId, p, site, concluded, expires, corr);
    }
  }

  private get planReactions(): boolean {
    return this.options.planReactions === true;
  }

  private planRelease(
    unitId: string,
    group: BloodGroup,
    site: string,
    concluded: number,
    corr: string,
  ): void {
    this.plan(
      concluded + 5 * 60_000,
      unitStreamId(unitId),
      UNIT_QUALIFIED,
      { unitId, bloodGroup: group, cause: { type: DONATION_QUALIFIED } } satisfies UnitQualifiedContract,
      'components',
      site,
      corr,
    );
    this.plan(
      concluded + 6 * 60_000,
      unitStreamId(unitId),
      UNIT_RELEASED,
      {
        unitId,
        releasedAt: this.iso(concluded + 6 * 60_000),
        cause: { type: DONATION_QUALIFIED },
      } satisfies UnitReleasedContract,
      'components',
      site,
      corr,
    );
  }

  private distribute(
    unitId: string,
    p: DemoProduct,
    site: string,
    ready: number,
    expires: number,
    corr: string,
  ): void {
    const wanted = p.category === 'PLASMA' ? 0.55 : 0.93;
    if (!this.chance(wanted)) return this.expiresInStock(unitId, site, expires, corr);
    let holder = site;
    let leaves = ready + (1 + Math.floor(this.random() * 4)) * DAY;
    const transfer = this.chance(0.06);
    /* Only units in date leave (the shipment decider refuses the others): a late one expires in stock. */
    const arrives = this.departureOn(leaves + (transfer ? DAY : 0)) + 2 * HOUR;
    if (arrives >= expires - HOUR) return this.expiresInStock(unitId, site, expires, corr);
    if (transfer) {
      const partner = this.pick(CENTERS.filter((c) => c !== site));
      this.ship(unitId, p, 'CENTER_TRANSFER', holder, partner, leaves, expires, corr);
      holder = partner;
      leaves += DAY;
    }
    const hospital = this.pick(this.hospitals);
    this.ship(unitId, p, 'HOSPITAL_ISSUE', holder, hospital, leaves, expires, corr);
    const used = leaves + (1 + Math.floor(this.random() * 3)) * DAY;
    if (used < expires && this.chance(0.94)) this.transfuse(unitId, hospital, used, corr);
  }

  /** The live expiry sweep records it; only the raw benchmark writer needs it planned. */
  private expiresInStock(unitId: string, site: string, expires: number, corr: string): void {
    if (!this.planReactions) return;
    this.plan(
      expires,
      unitStreamId(unitId),
      UNIT_EXPIRED,
      { unitId, expiresAt: this.iso(expires), expiredAt: this.iso(expires) } satisfies UnitExpiredContract,
      'components',
      site,
      corr,
    );
  }

  /** Shipments leave at 14:00 on the day they are planned. */
  private departureOn(at: number): number {
    return this.start + Math.floor((at - this.start) / DAY) * DAY + 14 * HOUR;
  }

  private ship(
    unitId: string,
    p: DemoProduct,
    type: 'HOSPITAL_ISSUE' | 'CENTER_TRANSFER',
    from: string,
    to: string,
    at: number,
    expires: number,
    corr: string,
  ): void {
    const day = Math.floor((at - this.start) / DAY);
    const shipmentId = `${from}-${to}-${day}`;
    const plan = this.shipments.get(shipmentId) ?? {
      shipmentId,
      type,
      from,
      to,
      at: this.start + day * DAY + 14 * HOUR,
      units: [],
    };
    plan.units.push({
      unitId,
      productCode: p.code,
      productType: p.type,
      category: p.category,
      volumeMl: p.volume,
      expiresAt: this.iso(expires),
    });
    this.shipments.set(shipmentId, plan);
    if (!this.planReactions) return;
    const received = plan.at + 2 * HOUR;
    this.plan(
      plan.at + 60_000,
      unitStreamId(unitId),
      UNIT_SHIPPED,
      {
        unitId,
        shipmentId,
        fromSiteId: from,
        toSiteId: to,
        at: this.iso(plan.at),
      } satisfies UnitShippedContract,
      'distribution',
      from,
      corr,
    );
    this.plan(
      received + 60_000,
      unitStreamId(unitId),
      UNIT_CUSTODY_TRANSFERRED,
      {
        unitId,
        shipmentId,
        fromSiteId: from,
        toSiteId: to,
        custodianType: type === 'HOSPITAL_ISSUE' ? 'HOSPITAL' : 'BLOOD_CENTER',
        via: 'RECEIVED',
        at: this.iso(received),
      } satisfies UnitCustodyTransferredContract,
      type === 'HOSPITAL_ISSUE' ? 'hospital' : 'distribution',
      to,
      corr,
    );
  }

  private flushShipments(day: number): void {
    for (const [id, s] of this.shipments) {
      if (Math.floor((s.at - this.start) / DAY) > day) continue;
      this.shipments.delete(id);
      const stream = shipmentStreamId(s.shipmentId);
      const corr = `demo-ship-${s.shipmentId}`;
      this.plan(
        s.at - HOUR,
        stream,
        SHIPMENT_CREATED,
        {
          shipmentId: s.shipmentId,
          type: s.type,
          fromSiteId: s.from,
          toSiteId: s.to,
          createdAt: this.iso(s.at - HOUR),
        } satisfies ShipmentCreatedContract,
        'distribution',
        s.from,
        corr,
      );
      for (const u of s.units) {
        this.plan(
          s.at - 30 * 60_000,
          stream,
          UNIT_PACKED,
          {
            shipmentId: s.shipmentId,
            ...u,
            packedAt: this.iso(s.at - 30 * 60_000),
          } satisfies UnitPackedContract,
          'distribution',
          s.from,
          corr,
        );
      }
      const unitIds = s.units.map((u) => u.unitId);
      this.plan(
        s.at,
        stream,
        SHIPMENT_DISPATCHED,
        {
          shipmentId: s.shipmentId,
          type: s.type,
          fromSiteId: s.from,
          toSiteId: s.to,
          carrier: 'Cold-chain van',
          coolerId: `COOLER-${s.from}`,
          temperatureC: 4,
          unitIds,
          dispatchedAt: this.iso(s.at),
        } satisfies ShipmentDispatchedContract,
        'distribution',
        s.from,
        corr,
      );
      this.plan(
        s.at + 2 * HOUR,
        stream,
        SHIPMENT_RECEIVED,
        {
          shipmentId: s.shipmentId,
          type: s.type,
          fromSiteId: s.from,
          toSiteId: s.to,
          condition: 'INTACT',
          temperatureC: 5,
          units: unitIds.map((unitId) => ({ unitId, accepted: true })),
          receivedAt: this.iso(s.at + 2 * HOUR),
        } satisfies ShipmentReceivedContract,
        s.type === 'HOSPITAL_ISSUE' ? 'hospital' : 'distribution',
        s.to,
        corr,
      );
    }
  }

  private poolPlatelets(day: number): void {
    const ready = this.poolCandidates.filter((c) => c.at <= this.start + (day + 1) * DAY);
    this.poolCandidates = this.poolCandidates.filter((c) => c.at > this.start + (day + 1) * DAY);
    for (let i = 0; i + 4 <= ready.length; i += 4) {
      const parents = ready.slice(i, i + 4);
      const site = parents[0].site;
      const at = Math.max(...parents.map((p) => p.at)) + HOUR;
      const poolDin = this.din(site, at);
      const unitId = `${poolDin}-E4028V00`;
      const corr = `demo-pool-${poolDin}`;
      const expires = at + 5 * DAY;
      this.plan(
        at,
        unitStreamId(unitId),
        UNIT_PREPARED,
        {
          unitId,
          din: poolDin,
          donorId: parents[0].donorId,
          productCode: 'E4028V00',
          descriptionCode: 'E4028',
          productType: 'POOLED_PLATELETS',
          volumeMl: 200,
          plateletDoses: 1,
          preparedAt: this.iso(at),
          expiresAt: this.iso(expires),
          siteId: site,
          parentUnitIds: parents.map((p) => p.unitId),
          sourceDins: parents.map((p) => p.din),
          method: 'POOLING',
          equipmentId: `POOLER-${site}`,
          status: 'Released',
        } satisfies UnitPreparedContract,
        'components',
        site,
        corr,
      );
      for (const parent of parents) {
        this.plan(
          at,
          unitStreamId(parent.unitId),
          UNIT_CONSUMED,
          {
            unitId: parent.unitId,
            intoUnitIds: [unitId],
            method: 'POOLING',
            consumedAt: this.iso(at),
          } satisfies UnitConsumedContract,
          'components',
          site,
          corr,
        );
      }
      this.summary.samplePooledUnitId ??= unitId;
      this.distribute(
        unitId,
        { code: 'E4028V00', type: 'POOLED_PLATELETS', category: 'PLATELETS', volume: 200 },
        site,
        at,
        expires,
        corr,
      );
    }
  }

  private transfuse(unitId: string, hospital: string, at: number, corr: string): void {
    const patientId = `PAT-${hospital}-${Math.floor(this.random() * 50_000)}`;
    const requestId = `REQ-${unitId}`;
    const stream = transfusionRequestStreamId(requestId);
    const din = unitId.slice(0, 13);
    const productCode = unitId.slice(14);
    const base = { requestId, patientId, hospitalSiteId: hospital, unitId, din, productCode };
    this.plan(
      at - 3 * HOUR,
      stream,
      CROSSMATCH_PERFORMED,
      {
        ...base,
        method: this.chance(0.3) ? 'ELECTRONIC' : 'SEROLOGICAL',
        result: 'COMPATIBLE',
        sampleId: `S-${requestId}`,
        sampleValidUntil: this.iso(at + 2 * DAY),
        performedAt: this.iso(at - 3 * HOUR),
      } satisfies CrossmatchPerformedContract,
      'hospital',
      hospital,
      corr,
    );
    this.plan(
      at - HOUR,
      stream,
      UNIT_ISSUED_TO_WARD,
      {
        ...base,
        ward: 'WARD-3',
        crossmatched: true,
        emergencyRelease: false,
        issuedAt: this.iso(at - HOUR),
      } satisfies UnitIssuedToWardContract,
      'hospital',
      hospital,
      corr,
    );
    this.plan(
      at - 10 * 60_000,
      stream,
      BEDSIDE_CHECK_PASSED,
      { ...base, checkedAt: this.iso(at - 10 * 60_000) } satisfies BedsideCheckPassedContract,
      'hospital',
      hospital,
      corr,
    );
    this.plan(
      at + 2 * HOUR,
      stream,
      UNIT_TRANSFUSED,
      {
        ...base,
        startedAt: this.iso(at),
        endedAt: this.iso(at + 2 * HOUR),
        volumeMl: 250,
      } satisfies UnitTransfusedContract,
      'hospital',
      hospital,
      corr,
    );
    this.summary.sampleUnitId ??= unitId;
    this.summary.samplePatientId ??= patientId;
  }
}
