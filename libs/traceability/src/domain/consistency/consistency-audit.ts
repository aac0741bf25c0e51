/**
 * The consistency audit: proves over a whole log that the record tells one story per unit.
 * Pure: events in (in global order), findings out; each finding names the events that prove it.
 */
export type ConsistencyRule = 'DUPLICATED_FACT' | 'CHANGE_AFTER_TERMINAL' | 'TWO_PLACES_AT_ONCE';

export const CONSISTENCY_RULES: Record<ConsistencyRule, string> = {
  /* Replaying adds nothing: every fact about a unit is recorded once, whoever reports it again. */
  DUPLICATED_FACT: 'A fact about a unit was recorded twice',
  /* A transfused, wasted, discarded, expired or pooled unit has left stock for good (records stay). */
  CHANGE_AFTER_TERMINAL: 'Something happened to a unit after it had left stock for good',
  /* Chain of custody (21 CFR 606.160(b)(1)(ix); GB/T 38583): one holder at a time, or on the road. */
  TWO_PLACES_AT_ONCE: 'A unit was in two places at once',
};

export interface ConsistencyFinding {
  rule: ConsistencyRule;
  unitId: string;
  message: string;
  /** The earlier fact first, then the one that contradicts it. */
  eventIds: string[];
  positions: number[];
}

export interface AuditedEvent {
  eventId: string;
  type: string;
  streamId: string;
  globalPosition: number;
  data: unknown;
}

interface Seen {
  eventId: string;
  position: number;
  type: string;
}

interface UnitTrack {
  facts: Map<string, Seen>;
  terminal?: Seen & { requestId?: string };
  holder?: string;
  inTransit?: Seen & { shipmentId: string };
  /** Consignee of the last receipt distribution recorded (the unit's own stream may follow a moment later). */
  receivedBy?: string;
}

type Data = Record<string, unknown> & { unitId?: string };

/** Leaving stock for good, on the unit's own stream or as the hospital recorded it. */
const TERMINAL = new Set([
  'UnitExpired',
  'UnitDiscarded',
  'UnitConsumed',
  'UnitTransfusionRecorded',
  'UnitWastedAtHospital',
  'UnitTransfused',
  'UnitWasted',
]);

/** Components' record of a hospital's terminal fact, expected after it. */
const MIRROR: Record<string, string> = {
  UnitTransfused: 'UnitTransfusionRecorded',
  UnitWasted: 'UnitWastedAtHospital',
  UnitTransfusionRecorded: 'UnitTransfused',
  UnitWastedAtHospital: 'UnitWasted',
};

const isUnitStream = (streamId: string) => streamId.startsWith('Unit-');
const isHospitalStream = (streamId: string) => streamId.startsWith('TransfusionRequest-');

/** The one-per-unit key of a fact, or undefined for facts that may legitimately repeat (release after a hold). */
const factKey = (type: string, d: Data): string | undefined => {
  switch (type) {
    case 'UnitPrepared':
    case 'UnitQualified':
    case 'UnitExpired':
    case 'UnitDiscarded':
    case 'UnitConsumed':
    case 'UnitTransfusionRecorded':
    case 'UnitWastedAtHospital':
    case 'UnitTransfused':
    case 'UnitWasted':
      return type;
    case 'UnitShipped':
      return `UnitShipped:${String(d.shipmentId)}`;
    case 'UnitCustodyTransferred':
      return `UnitCustodyTransferred:${String(d.via)}:${String(d.shipmentId)}`;
    case 'UnitQuarantined':
    case 'UnitQualityDecisionRecorded':
      return `${type}:${String(d.holdId)}`;
    default:
      return undefined;
  }
};

export class ConsistencyAudit {
  private readonly units = new Map<string, UnitTrack>();
  private readonly found: ConsistencyFinding[] = [];

  get findings(): readonly ConsistencyFinding[] {
    return this.found;
  }

  observe(event: AuditedEvent): void {
    const d = (event.data ?? {}) as Data;
    if (event.type === 'ShipmentReceived') return this.receiptReported(d);
    const unitId = d.unitId;
    if (typeof unitId !== 'string') return;
    const onUnit = isUnitStream(event.streamId);
    const hospitalTerminal =
      isHospitalStream(event.streamId) && (event.type === 'UnitTransfused' || event.type === 'UnitWasted');
    if (!onUnit && !hospitalTerminal) return;
    const unit = this.track(unitId);
    const seen: Seen = { eventId: event.eventId, position: event.globalPosition, type: event.type };
    this.once(unit, unitId, seen, factKey(event.type, d));
    this.afterTerminal(unit, unitId, seen, d);
    this.place(unit, unitId, seen, d);
    if (TERMINAL.has(event.type) && !unit.terminal) {
      unit.terminal = { ...seen, requestId: typeof d.requestId === 'string' ? d.requestId : undefined };
    }
  }

  private track(unitId: string): UnitTrack {
    let unit = this.units.get(unitId);
    if (!unit) {
      unit = { facts: new Map() };
      this.units.set(unitId, unit);
    }
    return unit;
  }

  private report(rule: ConsistencyRule, unitId: string, message: string, first: Seen, then: Seen): void {
    this.found.push({
      rule,
      unitId,
      message,
      eventIds: [first.eventId, then.eventId],
      positions: [first.position, then.position],
    });
  }

  private once(unit: UnitTrack, unitId: string, seen: Seen, key: string | undefined): void {
    if (key === undefined) return;
    const first = unit.facts.get(key);
    if (first) {
      this.report(
        'DUPLICATED_FACT',
        unitId,
        `${seen.type} recorded twice for unit ${unitId} (${key})`,
        first,
        seen,
      );
      return;
    }
    unit.facts.set(key, seen);
  }

  private afterTerminal(unit: UnitTrack, unitId: string, seen: Seen, d: Data): void {
    const terminal = unit.terminal;
    if (!terminal) return;
    if (MIRROR[terminal.type] === seen.type && (terminal.requestId ?? d.requestId) === d.requestId) return;
    /* An expired or discarded unit on the road still arrives somewhere: custody may complete. */
    const stillPhysical = terminal.type === 'UnitExpired' || terminal.type === 'UnitDiscarded';
    if (stillPhysical && seen.type === 'UnitCustodyTransferred') return;
    this.report(
      'CHANGE_AFTER_TERMINAL',
      unitId,
      `${seen.type} recorded for unit ${unitId} after ${terminal.type}`,
      terminal,
      seen,
    );
  }

  private place(unit: UnitTrack, unitId: string, seen: Seen, d: Data): void {
    const twoPlaces = (message: string, first: Seen) =>
      this.report('TWO_PLACES_AT_ONCE', unitId, message, first, seen);
    switch (seen.type) {
      case 'UnitPrepared':
        unit.holder = String(d.siteId);
        return;
      case 'UnitShipped': {
        const from = String(d.fromSiteId);
        if (unit.inTransit) {
          twoPlaces(
            `unit ${unitId} shipped in ${String(d.shipmentId)} while still on the road in ${unit.inTransit.shipmentId}`,
            unit.inTransit,
          );
        } else if (unit.holder !== undefined && unit.holder !== from) {
          twoPlaces(`unit ${unitId} shipped from ${from} while held by ${unit.holder}`, this.lastFact(unit));
        }
        unit.inTransit = { ...seen, shipmentId: String(d.shipmentId) };
        return;
      }
      case 'UnitCustodyTransferred': {
        const shipmentId = String(d.shipmentId);
        if (d.via === 'RECEIVED' && unit.inTransit?.shipmentId !== shipmentId) {
          twoPlaces(
            `unit ${unitId} received from shipment ${shipmentId} it was not on the road in`,
            unit.inTransit ?? this.lastFact(unit),
          );
        }
        if (d.via === 'RETURNED' && (unit.inTransit || unit.holder !== String(d.fromSiteId))) {
          twoPlaces(
            `unit ${unitId} returned from ${String(d.fromSiteId)} while held by ${unit.inTransit ? 'a carrier' : unit.holder}`,
            unit.inTransit ?? this.lastFact(unit),
          );
        }
        unit.holder = String(d.toSiteId);
        unit.inTransit = undefined;
        return;
      }
      case 'UnitStored': {
        const site = String(d.siteId);
        if (unit.inTransit || (unit.holder !== undefined && unit.holder !== site)) {
          twoPlaces(
            `unit ${unitId} stored at ${site} while ${unit.inTransit ? 'on the road' : `held by ${unit.holder}`}`,
            unit.inTransit ?? this.lastFact(unit),
          );
        }
        return;
      }
      case 'UnitTransfused':
      case 'UnitWasted': {
        const hospital = String(d.hospitalSiteId);
        if (unit.holder !== undefined && unit.holder !== hospital && unit.receivedBy !== hospital) {
          twoPlaces(`unit ${unitId} used at ${hospital} while held by ${unit.holder}`, this.lastFact(unit));
        }
        return;
      }
      default:
        return;
    }
  }

  private receiptReported(d: Data): void {
    const units = Array.isArray(d.units) ? (d.units as { unitId: string; accepted: boolean }[]) : [];
    for (const received of units) {
      if (received.accepted) this.track(received.unitId).receivedBy = String(d.toSiteId);
    }
  }

  private lastFact(unit: UnitTrack): Seen {
    let last: Seen = { eventId: '', position: 0, type: '' };
    for (const seen of unit.facts.values()) if (seen.position > last.position) last = seen;
    return last;
  }
}

export const auditConsistency = (events: Iterable<AuditedEvent>): ConsistencyFinding[] => {
  const audit = new ConsistencyAudit();
  for (const event of events) audit.observe(event);
  return [...audit.findings];
};
