import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type {
  CustodianType,
  ProductType,
  QuarantineReason,
  UnitStatus,
} from '../../contracts/components.contracts';
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
  sourceDins: string[];
  /** The laboratory cleared the donation(s): a precondition of release. */
  qualified: boolean;
  /** Open quarantine holds (e.g. a temperature excursion) by hold id. */
  holds: Record<string, QuarantineReason>;
  custody: { siteId: string; custodianType: CustodianType };
  location?: { siteId: string; equipmentId: string };
  inTransit?: { shipmentId: string; toSiteId: string };
}

export type UnitState = NoUnit | Unit;

export const initialUnitState: UnitState = { status: 'None' };

const TERMINAL: readonly string[] = ['Discarded', 'Expired', 'Consumed'];
export const isFinal = (state: UnitState): boolean => TERMINAL.includes(state.status);

const withoutHold = (holds: Record<string, QuarantineReason>, holdId: string) =>
  Object.fromEntries(Object.entries(holds).filter(([id]) => id !== holdId));

const onUnit = (state: UnitState, change: (unit: Unit) => Unit): UnitState =>
  state.status === 'None' ? state : change(state);

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
        sourceDins: d.sourceDins,
        qualified: d.status === 'Released',
        holds: {},
        custody: { siteId: d.siteId, custodianType: 'BLOOD_CENTER' },
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
      }));
    case 'UnitCustodyTransferred':
      return onUnit(state, (u) => ({
        ...u,
        inTransit: undefined,
        custody: { siteId: event.data.toSiteId, custodianType: event.data.custodianType },
      }));
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
