import {
  UNIT_CONSUMED,
  UNIT_CUSTODY_TRANSFERRED,
  UNIT_DISCARDED,
  UNIT_EXPIRED,
  UNIT_PREPARED,
  UNIT_QUALIFIED,
  UNIT_QUALITY_DECISION_RECORDED,
  UNIT_QUARANTINED,
  UNIT_SHIPPED,
  UNIT_STORED,
  UNIT_TRANSFUSION_RECORDED,
  UNIT_WASTED_AT_HOSPITAL,
  unitStreamId,
} from '@hemotrace/components/contracts';
import { SHIPMENT_RECEIVED } from '@hemotrace/distribution/contracts';
import { UNIT_TRANSFUSED, UNIT_WASTED, transfusionRequestStreamId } from '@hemotrace/transfusion/contracts';

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
  UNIT_EXPIRED,
  UNIT_DISCARDED,
  UNIT_CONSUMED,
  UNIT_TRANSFUSION_RECORDED,
  UNIT_WASTED_AT_HOSPITAL,
  UNIT_TRANSFUSED,
  UNIT_WASTED,
]);

/** Components' record of a hospital's terminal fact, expected after it. */
const MIRROR: Record<string, string> = {
  UnitTransfused: UNIT_TRANSFUSION_RECORDED,
  UnitWasted: UNIT_WASTED_AT_HOSPITAL,
  UnitTransfusionRecorded: UNIT_TRANSFUSED,
  UnitWastedAtHospital: UNIT_WASTED,
};

const isUnitStream = (streamId: string) => streamId.startsWith(unitStreamId(''));
const isHospitalStream = (streamId: string) => streamId.startsWith(transfusionRequestStreamId(''));

/** The one-per-unit key of a fact, or undefined for facts that may legitimately repeat (release after a hold). */
const factKey = (type: string, d: Data): string | undefined => {
  switch (type) {
    case UNIT_PREPARED:
    case UNIT_QUALIFIED:
    case UNIT_EXPIRED:
    case UNIT_DISCARDED:
    case UNIT_CONSUMED:
    case UNIT_TRANSFUSION_RECORDED:
    case UNIT_WASTED_AT_HOSPITAL:
    case UNIT_TRANSFUSED:
    case UNIT_WASTED:
      return type;
    case UNIT_SHIPPED:
      return `UnitShipped:${String(d.shipmentId)}`;
    case UNIT_CUSTODY_TRANSFERRED:
      return `UnitCustodyTransferred:${String(d.via)}:${String(d.shipmentId)}`;
    case UNIT_QUARANTINED:
    case UNIT_QUALITY_DECISION_RECORDED:
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
    if (event.type === SHIPMENT_RECEIVED) return this.receiptReported(d);
    const unitId = d.unitId;
    if (typeof unitId !== 'string') return;
    const onUnit = isUnitStream(event.streamId);
    const hospitalTerminal =
      isHospitalStream(event.streamId) && (event.type === UNIT_TRANSFUSED || event.type === UNIT_WASTED);
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
    const stillPhysical = terminal.type === UNIT_EXPIRED || terminal.type === UNIT_DISCARDED;
    if (stillPhysical && seen.type === UNIT_CUSTODY_TRANSFERRED) return;
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
      case UNIT_PREPARED:
        unit.holder = String(d.siteId);
        return;
      case UNIT_SHIPPED: {
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
      case UNIT_CUSTODY_TRANSFERRED: {
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
      case UNIT_STORED: {
        const site = String(d.siteId);
        if (unit.inTransit || (unit.holder !== undefined && unit.holder !== site)) {
          twoPlaces(
            `unit ${unitId} stored at ${site} while ${unit.inTransit ? 'on the road' : `held by ${unit.holder}`}`,
            unit.inTransit ?? this.lastFact(unit),
          );
        }
        return;
      }
      case UNIT_TRANSFUSED:
      case UNIT_WASTED: {
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
