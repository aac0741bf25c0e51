import type { Decider } from '@hemotrace/event-sourcing';
import { BusinessTimesOutOfOrder, lateEntryField, notBefore } from '@hemotrace/kernel';
import type { AllianceFacts, SiteFacts } from '@hemotrace/kernel';
import type { ReceivedUnit, ShipmentType } from './shipment.event-data';
import type { DistributionProfile } from './distribution.profile';
import {
  AllianceRequired,
  NotAHospitalIssue,
  ReceiptUnitsMismatch,
  RejectionReasonRequired,
  SameSite,
  ShipmentAlreadyExists,
  ShipmentEmpty,
  ShipmentNotDispatched,
  ShipmentNotFound,
  ShipmentNotOpen,
  UnitAlreadyPacked,
  UnitAlreadyReturned,
  UnitNotIssuedInShipment,
} from './shipment.errors';
import type { ShipmentEvent } from './shipment.events';
import type { PackableUnit } from './shipment.rules';
import {
  actorIsConsignee,
  actorIsShipper,
  emergencyTransferIsBetweenAllianceMembers,
  returnDisposition,
  shipmentGoesToARegisteredActiveConsigneeOfTheRightType,
  transportTemperatureSuitsEveryUnit,
  unitMayLeaveSender,
} from './shipment.rules';
import type { Shipment, ShipmentState } from './shipment.state';
import { evolveShipment } from './shipment.state';

export interface CreateShipment {
  type: 'CreateShipment';
  shipmentId: string;
  shipmentType: ShipmentType;
  fromSiteId: string;
  toSiteId: string;
  allianceId?: string;
  /** The consignee as its own Site stream knows it now. */
  consignee: SiteFacts;
  /** The named alliance as its own stream knows it now (emergency transfers). */
  alliance?: AllianceFacts;
  at: string;
}

export interface PackUnit {
  type: 'PackUnit';
  unit: PackableUnit;
  /** Another open shipment that already holds the unit, if any. */
  packedIn?: string;
  siteId: string;
  at: string;
}

export interface DispatchShipment {
  type: 'DispatchShipment';
  carrier: string;
  coolerId: string;
  temperatureC: number;
  /** The packed units as they are now: still released and in date? */
  units: PackableUnit[];
  /** The consignee (and the alliance of an emergency transfer) as their own streams know them now. */
  consignee: SiteFacts;
  alliance?: AllianceFacts;
  profile: DistributionProfile;
  siteId: string;
  /** When the box left (business time); defaults to the time of entry. */
  dispatchedAt?: string;
  lateEntryReason?: string;
  /** The time of entry. */
  at: string;
}

export interface ReceiveShipment {
  type: 'ReceiveShipment';
  condition: 'INTACT' | 'DAMAGED';
  temperatureC: number;
  units: ReceivedUnit[];
  siteId: string;
  /** When the box arrived (business time); defaults to the time of entry. */
  receivedAt?: string;
  lateEntryReason?: string;
  profile: DistributionProfile;
  /** The time of entry. */
  at: string;
}

export interface ReturnUnit {
  type: 'ReturnUnit';
  unitId: string;
  temperatureC: number;
  returnedAt: string;
  profile: DistributionProfile;
  siteId: string;
  at: string;
}

export type ShipmentCommand = CreateShipment | PackUnit | DispatchShipment | ReceiveShipment | ReturnUnit;

const existing = (state: ShipmentState): Shipment => {
  if (state.status === 'None') throw new ShipmentNotFound('');
  return state;
};

export const createShipment = (cmd: CreateShipment, state: ShipmentState): ShipmentEvent[] => {
  if (state.status !== 'None') throw new ShipmentAlreadyExists(cmd.shipmentId);
  if (cmd.fromSiteId === cmd.toSiteId)
    throw new SameSite('A shipment goes to another site', { siteId: cmd.toSiteId });
  // Regional emergency supply agreements: a transfer outside routine supply names the alliance it is made under.
  if (cmd.shipmentType === 'EMERGENCY_TRANSFER' && !cmd.allianceId) {
    throw new AllianceRequired('An emergency transfer names its regional alliance');
  }
  shipmentGoesToARegisteredActiveConsigneeOfTheRightType(cmd.shipmentType, cmd.consignee);
  if (cmd.shipmentType === 'EMERGENCY_TRANSFER') {
    emergencyTransferIsBetweenAllianceMembers(cmd.alliance, cmd.fromSiteId, cmd.toSiteId);
  }
  return [
    {
      type: 'ShipmentCreated',
      data: {
        shipmentId: cmd.shipmentId,
        type: cmd.shipmentType,
        fromSiteId: cmd.fromSiteId,
        toSiteId: cmd.toSiteId,
        ...(cmd.allianceId ? { allianceId: cmd.allianceId } : {}),
        createdAt: cmd.at,
      },
    },
  ];
};

export const packUnit = (cmd: PackUnit, state: ShipmentState): ShipmentEvent[] => {
  const shipment = existing(state);
  actorIsShipper(shipment, cmd.siteId);
  if (shipment.status !== 'Open')
    throw new ShipmentNotOpen(`Shipment ${shipment.shipmentId} is ${shipment.status}`);
  const { unit } = cmd;
  if (
    shipment.units.some((u) => u.unitId === unit.unitId) ||
    (cmd.packedIn && cmd.packedIn !== shipment.shipmentId)
  ) {
    throw new UnitAlreadyPacked(`Unit ${unit.unitId} is already packed`, {
      unitId: unit.unitId,
      shipmentId: cmd.packedIn ?? shipment.shipmentId,
    });
  }
  unitMayLeaveSender(unit, shipment, cmd.at);
  return [
    {
      type: 'UnitPacked',
      data: {
        shipmentId: shipment.shipmentId,
        unitId: unit.unitId,
        productCode: unit.productCode,
        productType: unit.productType,
        category: unit.category,
        volumeMl: unit.volumeMl,
        ...(unit.bloodUnits !== undefined ? { bloodUnits: unit.bloodUnits } : {}),
        ...(unit.plateletDoses !== undefined ? { plateletDoses: unit.plateletDoses } : {}),
        expiresAt: unit.expiresAt,
        packedAt: cmd.at,
      },
    },
  ];
};

export const dispatchShipment = (cmd: DispatchShipment, state: ShipmentState): ShipmentEvent[] => {
  const shipment = existing(state);
  actorIsShipper(shipment, cmd.siteId);
  if (shipment.status !== 'Open')
    throw new ShipmentNotOpen(`Shipment ${shipment.shipmentId} is ${shipment.status}`);
  /* The consignee may have been deactivated, or left the alliance, since the shipment was opened. */
  shipmentGoesToARegisteredActiveConsigneeOfTheRightType(shipment.type, cmd.consignee);
  if (shipment.type === 'EMERGENCY_TRANSFER') {
    emergencyTransferIsBetweenAllianceMembers(cmd.alliance, shipment.fromSiteId, shipment.toSiteId);
  }
  if (shipment.units.length === 0) throw new ShipmentEmpty(`Shipment ${shipment.shipmentId} has no units`);
  const dispatchedAt = cmd.dispatchedAt ?? cmd.at;
  const late = lateEntryField({
    context: 'DIST',
    field: 'dispatchedAt',
    occurredAt: dispatchedAt,
    now: cmd.at,
    lateEntryReason: cmd.lateEntryReason,
    policy: cmd.profile.businessTime,
  });
  /* A unit expired when the box left may not leave, whenever the dispatch is entered. */
  for (const unit of cmd.units) unitMayLeaveSender(unit, shipment, dispatchedAt);
  transportTemperatureSuitsEveryUnit(shipment, cmd.temperatureC, cmd.profile);
  return [
    {
      type: 'ShipmentDispatched',
      data: {
        shipmentId: shipment.shipmentId,
        type: shipment.type,
        fromSiteId: shipment.fromSiteId,
        toSiteId: shipment.toSiteId,
        carrier: cmd.carrier,
        coolerId: cmd.coolerId,
        temperatureC: cmd.temperatureC,
        unitIds: shipment.units.map((u) => u.unitId),
        dispatchedAt,
        ...late,
      },
    },
  ];
};

/** Receipt inspection: every packed unit is accounted for, accepted or rejected with a reason. */
export const receiveShipment = (cmd: ReceiveShipment, state: ShipmentState): ShipmentEvent[] => {
  const shipment = existing(state);
  actorIsConsignee(shipment, cmd.siteId);
  if (shipment.status !== 'Dispatched') {
    throw new ShipmentNotDispatched(`Shipment ${shipment.shipmentId} is ${shipment.status}`);
  }
  const receivedAt = cmd.receivedAt ?? cmd.at;
  if (shipment.dispatchedAt !== undefined && !notBefore(receivedAt, shipment.dispatchedAt)) {
    throw new BusinessTimesOutOfOrder(
      'DIST',
      `receivedAt ${receivedAt} is before the shipment was dispatched`,
      {
        field: 'receivedAt',
        receivedAt,
        dispatchedAt: shipment.dispatchedAt,
      },
    );
  }
  const late = lateEntryField({
    context: 'DIST',
    field: 'receivedAt',
    occurredAt: receivedAt,
    now: cmd.at,
    lateEntryReason: cmd.lateEntryReason,
    policy: cmd.profile.businessTime,
  });
  const packed = shipment.units.map((u) => u.unitId).sort();
  const listed = cmd.units.map((u) => u.unitId).sort();
  if (packed.length !== listed.length || packed.some((id, i) => id !== listed[i])) {
    throw new ReceiptUnitsMismatch('List every packed unit exactly once', { packed, listed });
  }
  const unexplained = cmd.units.filter((u) => !u.accepted && !u.reason);
  if (unexplained.length > 0) {
    throw new RejectionReasonRequired('A rejected unit needs a reason', {
      unitIds: unexplained.map((u) => u.unitId),
    });
  }
  return [
    {
      type: 'ShipmentReceived',
      data: {
        shipmentId: shipment.shipmentId,
        type: shipment.type,
        fromSiteId: shipment.fromSiteId,
        toSiteId: shipment.toSiteId,
        condition: cmd.condition,
        temperatureC: cmd.temperatureC,
        units: cmd.units.map((u) => ({
          unitId: u.unitId,
          accepted: u.accepted,
          ...(u.reason ? { reason: u.reason } : {}),
        })),
        receivedAt,
        ...late,
      },
    },
  ];
};

export const returnUnit = (cmd: ReturnUnit, state: ShipmentState): ShipmentEvent[] => {
  const shipment = existing(state);
  actorIsShipper(shipment, cmd.siteId);
  if (shipment.type !== 'HOSPITAL_ISSUE')
    throw new NotAHospitalIssue('Only units issued to a hospital are returned');
  const issued = shipment.units.find((u) => u.unitId === cmd.unitId);
  if (shipment.status !== 'Received' || !issued || !shipment.accepted.includes(cmd.unitId)) {
    throw new UnitNotIssuedInShipment(
      `Unit ${cmd.unitId} was not received by the hospital in this shipment`,
      {
        unitId: cmd.unitId,
      },
    );
  }
  if (shipment.returned.includes(cmd.unitId))
    throw new UnitAlreadyReturned(`Unit ${cmd.unitId} was already returned`);
  const hours =
    (new Date(cmd.returnedAt).getTime() - new Date(shipment.receivedAt ?? cmd.returnedAt).getTime()) /
    3_600_000;
  const outcome = returnDisposition(issued.category, cmd.temperatureC, hours, cmd.profile);
  return [
    {
      type: 'UnitReturned',
      data: {
        shipmentId: shipment.shipmentId,
        unitId: cmd.unitId,
        fromSiteId: shipment.toSiteId,
        toSiteId: shipment.fromSiteId,
        temperatureC: cmd.temperatureC,
        hoursSinceReceipt: Math.round(hours * 100) / 100,
        disposition: outcome.disposition,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
        returnedAt: cmd.returnedAt,
      },
    },
  ];
};

export const shipmentDecider: Decider<ShipmentCommand, ShipmentEvent, ShipmentState> = {
  initialState: { status: 'None' },
  decide: (cmd, state) => {
    switch (cmd.type) {
      case 'CreateShipment':
        return createShipment(cmd, state);
      case 'PackUnit':
        return packUnit(cmd, state);
      case 'DispatchShipment':
        return dispatchShipment(cmd, state);
      case 'ReceiveShipment':
        return receiveShipment(cmd, state);
      case 'ReturnUnit':
        return returnUnit(cmd, state);
      default: {
        const unhandled: never = cmd;
        return unhandled;
      }
    }
  },
  evolve: evolveShipment,
};
