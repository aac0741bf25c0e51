import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type { HandEntry } from './hand-entry';
import { handEntryOf } from './hand-entry';
import type { Decider } from '@hemotrace/event-sourcing';
import type {
  CustodianType,
  DiscardReason,
  PreparationMethod,
  QuarantineReason,
  UnitCause,
} from './unit.event-data';
import type { ProductDefinition, TemperatureRange } from '../catalog/product-catalog';
import { addShelfLife } from '../catalog/product-catalog';
import {
  NoSuchHold,
  StorageTemperatureMismatch,
  UnitAlreadyFinal,
  UnitAlreadyPrepared,
  UnitNotAtSite,
  UnitNotFound,
  UnitNotYetExpired,
} from './unit.errors';
import type { UnitEvent } from './unit.events';
import {
  equipmentHoldsProductRange,
  preparedWithinProcessingTimeLimit,
  unitHasExpired,
  unitIsInStockAt,
  unitIsStillInInventory,
} from './unit.rules';
import type { Unit, UnitState } from './unit.state';
import { custodyFact, evolveUnit, initialUnitState, isFinal } from './unit.state';

export interface PrepareUnit {
  type: 'PrepareUnit';
  unitId: string;
  din: string;
  donorId: string;
  productCode: string;
  product: ProductDefinition;
  volumeMl: number;
  plateletDoses?: number;
  bloodUnits?: number;
  bloodGroup?: BloodGroup;
  phenotype?: Phenotype;
  siteId: string;
  equipmentId: string;
  method: PreparationMethod;
  parentUnitIds: string[];
  sourceDins: string[];
  preparedAt: string;
  /** From a donation: its end, for the processing time limit and the start of the shelf life. */
  collectionEndedAt?: string;
  /** Modifications that may not outlive the parent. */
  expiryCap?: string;
  /** Derived from released parents: released at once. */
  parentsReleased: boolean;
  /** The donation was already qualified when the unit was prepared. */
  qualification?: { bloodGroup: BloodGroup; phenotype?: Phenotype; cause: UnitCause };
}

export interface QualifyUnit {
  type: 'QualifyUnit';
  bloodGroup: BloodGroup;
  phenotype?: Phenotype;
  cause: UnitCause;
  at: string;
}

export interface QuarantineUnit {
  type: 'QuarantineUnit';
  holdId: string;
  reason: QuarantineReason;
  cause?: UnitCause;
  at: string;
}

export interface RecordQualityDecision {
  type: 'RecordQualityDecision';
  holdId: string;
  decision: 'RELEASE' | 'DISCARD';
  reason: string;
  siteId: string;
  /** When it was decided (business time). */
  at: string;
  entry?: HandEntry;
}

export interface DiscardUnit {
  type: 'DiscardUnit';
  reason: DiscardReason;
  note?: string;
  cause?: UnitCause;
  /** Reactions tolerate a unit already gone; staff get an error instead. */
  automatic: boolean;
  /** The staff's site (hand discards only). */
  siteId?: string;
  /** When it was discarded (business time). */
  at: string;
  entry?: HandEntry;
}

export interface ExpireUnit {
  type: 'ExpireUnit';
  at: string;
}

export interface StoreUnit {
  type: 'StoreUnit';
  siteId: string;
  equipmentId: string;
  equipmentRange: TemperatureRange;
  productRange: TemperatureRange;
  /** When it was put in the equipment (business time). */
  at: string;
  entry?: HandEntry;
  /** Excursions already reported on the equipment (its stream): one still going on at `at` or after holds the unit. */
  excursions?: readonly { excursionId: string; startedAt: string; endedAt: string }[];
}

export interface ConsumeUnit {
  type: 'ConsumeUnit';
  intoUnitIds: string[];
  method: PreparationMethod;
  at: string;
}

export interface RecordUnitShipped {
  type: 'RecordUnitShipped';
  shipmentId: string;
  fromSiteId: string;
  toSiteId: string;
  at: string;
}

export interface TransferUnitCustody {
  type: 'TransferUnitCustody';
  shipmentId: string;
  fromSiteId: string;
  toSiteId: string;
  custodianType: CustodianType;
  via: 'RECEIVED' | 'RETURNED';
  at: string;
}

/** A fact the hospital recorded about the unit (transfusion context), mirrored on the unit's own stream. */
export interface RecordHospitalUse {
  type: 'RecordUnitAllocated' | 'RecordAllocationReleased' | 'RecordUnitTransfused' | 'RecordUnitWasted';
  requestId: string;
  hospitalSiteId: string;
  reason?: string;
  cause: UnitCause;
  at: string;
}

export type UnitCommand =
  | PrepareUnit
  | QualifyUnit
  | QuarantineUnit
  | RecordQualityDecision
  | DiscardUnit
  | ExpireUnit
  | StoreUnit
  | ConsumeUnit
  | RecordUnitShipped
  | TransferUnitCustody
  | RecordHospitalUse;

const existing = (state: UnitState, unitId = ''): Unit => {
  if (state.status === 'None') throw new UnitNotFound(unitId);
  return state;
};

const expiryOf = (cmd: PrepareUnit): string => {
  const expiresAt = addShelfLife(cmd.collectionEndedAt ?? cmd.preparedAt, cmd.product.shelfLife);
  return cmd.expiryCap !== undefined && cmd.expiryCap < expiresAt ? cmd.expiryCap : expiresAt;
};

export const prepareUnit = (cmd: PrepareUnit, state: UnitState): UnitEvent[] => {
  if (state.status !== 'None') throw new UnitAlreadyPrepared(cmd.unitId);
  if (cmd.collectionEndedAt !== undefined) {
    preparedWithinProcessingTimeLimit(cmd.product, cmd.collectionEndedAt, cmd.preparedAt);
  }
  const prepared: UnitEvent = {
    type: 'UnitPrepared',
    data: {
      unitId: cmd.unitId,
      din: cmd.din,
      donorId: cmd.donorId,
      productCode: cmd.productCode,
      descriptionCode: cmd.product.descriptionCode,
      productType: cmd.product.productType,
      ...(cmd.bloodGroup ? { bloodGroup: cmd.bloodGroup } : {}),
      ...(cmd.phenotype ? { phenotype: cmd.phenotype } : {}),
      volumeMl: cmd.volumeMl,
      ...(cmd.plateletDoses !== undefined ? { plateletDoses: cmd.plateletDoses } : {}),
      ...(cmd.bloodUnits !== undefined ? { bloodUnits: cmd.bloodUnits } : {}),
      preparedAt: cmd.preparedAt,
      expiresAt: expiryOf(cmd),
      siteId: cmd.siteId,
      parentUnitIds: cmd.parentUnitIds,
      sourceDins: cmd.sourceDins,
      method: cmd.method,
      equipmentId: cmd.equipmentId,
      status: cmd.parentsReleased ? 'Released' : 'Quarantined',
    },
  };
  if (cmd.parentsReleased || !cmd.qualification) return [prepared];
  const q = cmd.qualification;
  return [
    prepared,
    {
      type: 'UnitQualified',
      data: {
        unitId: cmd.unitId,
        bloodGroup: q.bloodGroup,
        ...(q.phenotype ? { phenotype: q.phenotype } : {}),
        cause: q.cause,
      },
    },
    { type: 'UnitReleased', data: { unitId: cmd.unitId, releasedAt: cmd.preparedAt, cause: q.cause } },
  ];
};

/** Release follows the laboratory's qualification unless a quarantine hold is still open. */
export const qualifyUnit = (cmd: QualifyUnit, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  if (isFinal(unit) || unit.qualified) return [];
  const qualified: UnitEvent = {
    type: 'UnitQualified',
    data: {
      unitId: unit.unitId,
      bloodGroup: cmd.bloodGroup,
      ...(cmd.phenotype ? { phenotype: cmd.phenotype } : {}),
      cause: cmd.cause,
    },
  };
  if (Object.keys(unit.holds).length > 0) return [qualified];
  return [
    qualified,
    { type: 'UnitReleased', data: { unitId: unit.unitId, releasedAt: cmd.at, cause: cmd.cause } },
  ];
};

export const quarantineUnit = (cmd: QuarantineUnit, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  if (isFinal(unit) || unit.holds[cmd.holdId] !== undefined) return [];
  return [
    {
      type: 'UnitQuarantined',
      data: {
        unitId: unit.unitId,
        holdId: cmd.holdId,
        reason: cmd.reason,
        quarantinedAt: cmd.at,
        ...(cmd.cause ? { cause: cmd.cause } : {}),
      },
    },
  ];
};

/** ISO 9001 8.7 / 21 CFR 606.171: a held unit leaves quarantine only by a recorded quality decision. */
export const recordQualityDecision = (cmd: RecordQualityDecision, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  if (unit.custody.siteId !== cmd.siteId) throw new UnitNotAtSite(unit.unitId, cmd.siteId);
  if (unit.holds[cmd.holdId] === undefined) throw new NoSuchHold(unit.unitId, cmd.holdId);
  const late = handEntryOf(unit, 'decidedAt', cmd.at, cmd.entry);
  const decided: UnitEvent = {
    type: 'UnitQualityDecisionRecorded',
    data: {
      unitId: unit.unitId,
      holdId: cmd.holdId,
      decision: cmd.decision,
      reason: cmd.reason,
      decidedAt: cmd.at,
      ...late,
    },
  };
  const cause = { type: 'UnitQualityDecisionRecorded', reference: cmd.holdId };
  if (cmd.decision === 'DISCARD') {
    const hold = unit.holds[cmd.holdId];
    const reason =
      hold === 'TEMPERATURE_EXCURSION' ? 'TEMPERATURE_EXCURSION' : hold === 'RECALL' ? 'RECALLED' : 'OTHER';
    return [
      decided,
      {
        type: 'UnitDiscarded',
        data: { unitId: unit.unitId, reason, note: cmd.reason, discardedAt: cmd.at, cause },
      },
    ];
  }
  const otherHolds = Object.keys(unit.holds).filter((id) => id !== cmd.holdId);
  if (!unit.qualified || otherHolds.length > 0) return [decided];
  return [decided, { type: 'UnitReleased', data: { unitId: unit.unitId, releasedAt: cmd.at, cause } }];
};

export const discardUnit = (cmd: DiscardUnit, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  if (cmd.automatic && isFinal(unit)) return [];
  unitIsStillInInventory(unit);
  if (cmd.siteId !== undefined) unitIsInStockAt(unit, cmd.siteId);
  const late = handEntryOf(unit, 'discardedAt', cmd.at, cmd.entry);
  return [
    {
      type: 'UnitDiscarded',
      data: {
        unitId: unit.unitId,
        reason: cmd.reason,
        ...(cmd.note ? { note: cmd.note } : {}),
        discardedAt: cmd.at,
        ...(cmd.cause ? { cause: cmd.cause } : {}),
        ...late,
      },
    },
  ];
};

export const expireUnit = (cmd: ExpireUnit, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  if (isFinal(unit)) return [];
  if (!unitHasExpired(unit, cmd.at)) throw new UnitNotYetExpired(unit.unitId, unit.expiresAt);
  return [
    { type: 'UnitExpired', data: { unitId: unit.unitId, expiresAt: unit.expiresAt, expiredAt: cmd.at } },
  ];
};

export const storeUnit = (cmd: StoreUnit, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  unitIsStillInInventory(unit);
  unitIsInStockAt(unit, cmd.siteId);
  if (!equipmentHoldsProductRange(cmd.equipmentRange, cmd.productRange)) {
    throw new StorageTemperatureMismatch(unit.unitId, cmd.equipmentId, {
      equipmentRange: cmd.equipmentRange,
      productRange: cmd.productRange,
    });
  }
  const late = handEntryOf(unit, 'storedAt', cmd.at, cmd.entry);
  const stored: UnitEvent = {
    type: 'UnitStored',
    data: { unitId: unit.unitId, siteId: cmd.siteId, equipmentId: cmd.equipmentId, at: cmd.at, ...late },
  };
  return [stored, ...heldForExcursionsWhileStored(cmd, unit)];
};

/**
 * GB 18469 / 21 CFR 606.60: a unit that was in the equipment during a reported excursion is held,
 * even when its storage is entered after the excursion was reported (the reaction to the report
 * only finds the units stored by then). The unit is still there now, so an excursion ending at or
 * after the storage's business time overlaps its stay.
 */
const heldForExcursionsWhileStored = (cmd: StoreUnit, unit: Unit): UnitEvent[] =>
  (cmd.excursions ?? [])
    .filter((x) => x.endedAt >= cmd.at && unit.holds[x.excursionId] === undefined)
    .map((x) => ({
      type: 'UnitQuarantined' as const,
      data: {
        unitId: unit.unitId,
        holdId: x.excursionId,
        reason: 'TEMPERATURE_EXCURSION' as const,
        quarantinedAt: cmd.at < x.startedAt ? x.startedAt : cmd.at,
        cause: { type: 'TemperatureExcursionReported', reference: x.excursionId },
      },
    }));

export const consumeUnit = (cmd: ConsumeUnit, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  unitIsStillInInventory(unit);
  return [
    {
      type: 'UnitConsumed',
      data: { unitId: unit.unitId, intoUnitIds: cmd.intoUnitIds, method: cmd.method, consumedAt: cmd.at },
    },
  ];
};

/** Each shipment puts a unit on the road once, whichever reaction (or replay) reports it. */
export const recordUnitShipped = (cmd: RecordUnitShipped, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  if (unit.custodyFacts.includes(custodyFact('SHIPPED', cmd.shipmentId))) return [];
  unitIsStillInInventory(unit);
  return [
    {
      type: 'UnitShipped',
      data: {
        unitId: unit.unitId,
        shipmentId: cmd.shipmentId,
        fromSiteId: cmd.fromSiteId,
        toSiteId: cmd.toSiteId,
        at: cmd.at,
      },
    },
  ];
};

/** A unit that no longer exists (transfused, wasted, pooled) changes hands no more; each receipt or return happens once. */
const GONE: readonly string[] = ['Transfused', 'Wasted', 'Consumed'];

export const transferUnitCustody = (cmd: TransferUnitCustody, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  if (unit.custodyFacts.includes(custodyFact(cmd.via, cmd.shipmentId))) return [];
  if (unit.custody.siteId === cmd.toSiteId && !unit.inTransit) return [];
  if (GONE.includes(unit.status)) throw new UnitAlreadyFinal(unit.unitId, unit.status);
  return [
    {
      type: 'UnitCustodyTransferred',
      data: {
        unitId: unit.unitId,
        shipmentId: cmd.shipmentId,
        fromSiteId: cmd.fromSiteId,
        toSiteId: cmd.toSiteId,
        custodianType: cmd.custodianType,
        via: cmd.via,
        at: cmd.at,
      },
    },
  ];
};

/** Hospital facts need the unit at that hospital (chain of custody, GB/T 38583; 21 CFR 606.160(b)(1)(ix)). */
const unitIsAtHospital = (unit: Unit, hospitalSiteId: string): void => {
  if (unit.custody.siteId !== hospitalSiteId || unit.custody.custodianType !== 'HOSPITAL' || unit.inTransit) {
    throw new UnitNotAtSite(unit.unitId, hospitalSiteId);
  }
};

const alreadyUsedFor = (unit: Unit, cmd: RecordHospitalUse, status: string): boolean =>
  unit.status === status && unit.usedFor?.requestId === cmd.requestId;

/**
 * What the hospital did with the unit. Each report (by its event id) is recorded once, whoever
 * delivers it again. A transfused or wasted unit has left stock for good: any other use is refused.
 */
export const recordHospitalUse = (cmd: RecordHospitalUse, state: UnitState): UnitEvent[] => {
  const unit = existing(state);
  if (cmd.cause.eventId && unit.hospitalCauses.includes(cmd.cause.eventId)) return [];
  const base = { unitId: unit.unitId, requestId: cmd.requestId, hospitalSiteId: cmd.hospitalSiteId };
  switch (cmd.type) {
    case 'RecordUnitAllocated':
      if (unit.allocation?.requestId === cmd.requestId) return [];
      unitIsStillInInventory(unit);
      unitIsAtHospital(unit, cmd.hospitalSiteId);
      return [{ type: 'UnitAllocatedToPatient', data: { ...base, allocatedAt: cmd.at, cause: cmd.cause } }];
    case 'RecordAllocationReleased':
      if (isFinal(unit) || unit.allocation?.requestId !== cmd.requestId) return [];
      return [{ type: 'UnitAllocationReleased', data: { ...base, releasedAt: cmd.at, cause: cmd.cause } }];
    case 'RecordUnitTransfused':
      if (alreadyUsedFor(unit, cmd, 'Transfused')) return [];
      unitIsStillInInventory(unit);
      unitIsAtHospital(unit, cmd.hospitalSiteId);
      return [{ type: 'UnitTransfusionRecorded', data: { ...base, transfusedAt: cmd.at, cause: cmd.cause } }];
    case 'RecordUnitWasted':
      if (alreadyUsedFor(unit, cmd, 'Wasted')) return [];
      unitIsStillInInventory(unit);
      unitIsAtHospital(unit, cmd.hospitalSiteId);
      return [
        {
          type: 'UnitWastedAtHospital',
          data: { ...base, reason: cmd.reason ?? 'OTHER', wastedAt: cmd.at, cause: cmd.cause },
        },
      ];
    default: {
      const unhandled: never = cmd.type;
      return unhandled;
    }
  }
};

const decide = (cmd: UnitCommand, state: UnitState): UnitEvent[] => {
  switch (cmd.type) {
    case 'PrepareUnit':
      return prepareUnit(cmd, state);
    case 'QualifyUnit':
      return qualifyUnit(cmd, state);
    case 'QuarantineUnit':
      return quarantineUnit(cmd, state);
    case 'RecordQualityDecision':
      return recordQualityDecision(cmd, state);
    case 'DiscardUnit':
      return discardUnit(cmd, state);
    case 'ExpireUnit':
      return expireUnit(cmd, state);
    case 'StoreUnit':
      return storeUnit(cmd, state);
    case 'ConsumeUnit':
      return consumeUnit(cmd, state);
    case 'RecordUnitShipped':
      return recordUnitShipped(cmd, state);
    case 'TransferUnitCustody':
      return transferUnitCustody(cmd, state);
    case 'RecordUnitAllocated':
    case 'RecordAllocationReleased':
    case 'RecordUnitTransfused':
    case 'RecordUnitWasted':
      return recordHospitalUse(cmd, state);
    default: {
      const unhandled: never = cmd;
      return unhandled;
    }
  }
};

export const unitDecider: Decider<UnitCommand, UnitEvent, UnitState> = {
  initialState: initialUnitState,
  decide,
  evolve: evolveUnit,
};
