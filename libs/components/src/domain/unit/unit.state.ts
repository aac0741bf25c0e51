import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type {
  CustodianType,
  ProductType,
  UnitLifecycle,
  QuarantineReason,
  UnitStatus,
} from './unit.event-data';
import type { UnitEvent } from './unit.events';

export interface NoUnit {
  status: 'None';
}

export interface Unit {
  status: UnitStatus;
  unitId: string;
  din: string;
  donorId: string;
  productCode: string;
  descriptionCode: string;
  productType: ProductType;
  bloodGroup?: BloodGroup;
  phenotype?: Phenotype;
  volumeMl: number;
  plateletDoses?: number;
  bloodUnits?: number;
  expiresAt: string;
  /** When it was prepared (business time): nothing done to it by hand is dated before. */
  preparedAt: string;
  sourceDins: string[];
  /** The laboratory cleared the donation(s): a precondition of release. */
  qualified: boolean;
  /** Open quarantine holds (e.g. a temperature excursion) by hold id. */
  holds: Record<string, QuarantineReason>;
  custody: { siteId: string; custodianType: CustodianType };
  location?: { siteId: string; equipmentId: string };
  inTransit?: { shipmentId: string; toSiteId: string };
  /** Custody facts already recorded (`SHIPPED:<shipmentId>`, `RECEIVED:<id>`, `RETURNED:<id>`): each happens once. */
  custodyFacts: string[];
  /** Hospital facts already mirrored, by the id of the transfusion event that reported each. */
  hospitalCauses: string[];
  /** Allocated to a hospital request, until transfused, wasted or given back to the blood bank. */
  allocation?: { requestId: string; hospitalSiteId: string };
  /** Back at its blood center after a return from a hospital, until it leaves again. */
  returned: boolean;
  /** The request a transfused or wasted unit went to. */
  usedFor?: { requestId: string; hospitalSiteId: string };
}

export type UnitState = NoUnit | Unit;

export const initialUnitState: UnitState = { status: 'None' };

/** A unit in one of these states has left stock for good; its records stay, nothing more happens to it. */
export const TERMINAL_STATUSES: readonly string[] = [
  'Discarded',
  'Expired',
  'Consumed',
  'Transfused',
  'Wasted',
];
export const isFinal = (state: UnitState): boolean => TERMINAL_STATUSES.includes(state.status);

export const custodyFact = (via: 'SHIPPED' | 'RECEIVED' | 'RETURNED', shipmentId: string): string =>
  `${via}:${shipmentId}`;

/** Where the unit stands in its one lifecycle, read from its own stream. */
export const lifecycleOf = (unit: Unit): UnitLifecycle => {
  switch (unit.status) {
    case 'Discarded':
    case 'Expired':
    case 'Consumed':
    case 'Transfused':
    case 'Wasted':
      return unit.status;
    default:
      if (unit.inTransit) return 'InTransit';
      if (unit.custody.custodianType === 'HOSPITAL') return unit.allocation ? 'Allocated' : 'AtHospital';
      if (unit.status === 'Quarantined') return 'Quarantined';
      return unit.returned ? 'Returned' : 'InStock';
  }
};

const withoutHold = (holds: Record<string, QuarantineReason>, holdId: string) =>
  Object.fromEntries(Object.entries(holds).filter(([id]) => id !== holdId));

const onUnit = (state: UnitState, change: (unit: Unit) => Unit): UnitState =>
  state.status === 'None' ? state : change(state);

const withCause = (unit: Unit, cause: { eventId?: string }): string[] =>
  cause.eventId ? [...unit.hospitalCauses, cause.eventId] : unit.hospitalCauses;

export const evolveUnit = (state: UnitState, event: UnitEvent): UnitState => {
  switch (event.type) {
    case 'UnitPrepared': {
      const d = event.data;
      return {
        status: d.status,
        unitId: d.unitId,
        din: d.din,
        donorId: d.donorId,
        productCode: d.productCode,
        descriptionCode: d.descriptionCode,
        productType: d.productType,
        bloodGroup: d.bloodGroup,
        phenotype: d.phenotype,
        volumeMl: d.volumeMl,
        plateletDoses: d.plateletDoses,
        bloodUnits: d.bloodUnits,
        expiresAt: d.expiresAt,
        preparedAt: d.preparedAt,
        sourceDins: d.sourceDins,
        qualified: d.status === 'Released',
        holds: {},
        custody: { siteId: d.siteId, custodianType: 'BLOOD_CENTER' },
        custodyFacts: [],
        hospitalCauses: [],
        returned: false,
      };
    }
    case 'UnitQualified':
      return onUnit(state, (u) => ({
        ...u,
        qualified: true,
        bloodGroup: event.data.bloodGroup,
        phenotype: event.data.phenotype ?? u.phenotype,
      }));
    case 'UnitReleased':
      return onUnit(state, (u) => ({ ...u, status: 'Released' }));
    case 'UnitQuarantined':
      return onUnit(state, (u) => ({
        ...u,
        status: 'Quarantined',
        holds: { ...u.holds, [event.data.holdId]: event.data.reason },
      }));
    case 'UnitQualityDecisionRecorded':
      return onUnit(state, (u) => ({ ...u, holds: withoutHold(u.holds, event.data.holdId) }));
    case 'UnitDiscarded':
      return onUnit(state, (u) => ({ ...u, status: 'Discarded', location: undefined }));
    case 'UnitExpired':
      return onUnit(state, (u) => ({ ...u, status: 'Expired', location: undefined }));
    case 'UnitConsumed':
      return onUnit(state, (u) => ({ ...u, status: 'Consumed', location: undefined }));
    case 'UnitStored':
      return onUnit(state, (u) => ({
        ...u,
        location: { siteId: event.data.siteId, equipmentId: event.data.equipmentId },
      }));
    case 'UnitShipped':
      return onUnit(state, (u) => ({
        ...u,
        location: undefined,
        inTransit: { shipmentId: event.data.shipmentId, toSiteId: event.data.toSiteId },
        custodyFacts: [...u.custodyFacts, custodyFact('SHIPPED', event.data.shipmentId)],
        returned: false,
      }));
    case 'UnitCustodyTransferred':
      return onUnit(state, (u) => ({
        ...u,
        inTransit: undefined,
        custody: { siteId: event.data.toSiteId, custodianType: event.data.custodianType },
        custodyFacts: [...u.custodyFacts, custodyFact(event.data.via, event.data.shipmentId)],
        allocation: undefined,
        returned: event.data.via === 'RETURNED',
      }));
    case 'UnitAllocatedToPatient':
      return onUnit(state, (u) => ({
        ...u,
        allocation: { requestId: event.data.requestId, hospitalSiteId: event.data.hospitalSiteId },
        hospitalCauses: withCause(u, event.data.cause),
      }));
    case 'UnitAllocationReleased':
      return onUnit(state, (u) => ({
        ...u,
        allocation: undefined,
        hospitalCauses: withCause(u, event.data.cause),
      }));
    case 'UnitTransfusionRecorded':
      return onUnit(state, (u) => ({
        ...u,
        status: 'Transfused',
        location: undefined,
        allocation: undefined,
        hospitalCauses: withCause(u, event.data.cause),
        usedFor: { requestId: event.data.requestId, hospitalSiteId: event.data.hospitalSiteId },
      }));
    case 'UnitWastedAtHospital':
      return onUnit(state, (u) => ({
        ...u,
        status: 'Wasted',
        location: undefined,
        allocation: undefined,
        hospitalCauses: withCause(u, event.data.cause),
        usedFor: { requestId: event.data.requestId, hospitalSiteId: event.data.hospitalSiteId },
      }));
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
