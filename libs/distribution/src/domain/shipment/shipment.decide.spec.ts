import { UnitExpired, UnitNotReleased } from '@hemotrace/kernel';
import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { BusinessTimeInFuture, BusinessTimesOutOfOrder, LateEntryReasonRequired } from '@hemotrace/kernel';
import type { AllianceFacts, SiteFacts, SiteType } from '@hemotrace/kernel';
import { distributionProfileFor } from './distribution.profile';
import type { CreateShipment } from './shipment.decide';
import { shipmentDecider } from './shipment.decide';
import {
  AllianceNotRegistered,
  AllianceRequired,
  ConsigneeInactive,
  ConsigneeNotRegistered,
  ConsigneeWrongType,
  NotAllianceMembers,
  NotAHospitalIssue,
  NotConsignee,
  NotShipper,
  ReceiptUnitsMismatch,
  RejectionReasonRequired,
  SameSite,
  ShipmentAlreadyExists,
  ShipmentEmpty,
  ShipmentNotDispatched,
  ShipmentNotOpen,
  TransportTemperatureOutOfRange,
  UnitAlreadyPacked,
  UnitAlreadyReturned,
  UnitNotInStock,
  UnitNotIssuedInShipment,
} from './shipment.errors';
import type { ShipmentEvent } from './shipment.events';
import type { PackableUnit } from './shipment.rules';
import { returnDisposition } from './shipment.rules';

const given = DeciderSpecification.for(shipmentDecider);
const profile = distributionProfileFor('CN-2019');
const RED = 'A999925000001-E0398V00';
const PLT = 'A999925000002-E3990V00';
const T0 = '2025-03-01T08:00:00.000Z';
const T1 = '2025-03-01T09:00:00.000Z';
const T2 = '2025-03-01T11:00:00.000Z';

const unit = (overrides: Partial<PackableUnit> = {}): PackableUnit => ({
  unitId: RED,
  productCode: 'E0398V00',
  productType: 'SUSPENDED_RED_CELLS',
  category: 'RED_CELLS',
  status: 'Released',
  expiresAt: '2025-04-01T00:00:00.000Z',
  siteId: 'BC-1',
  custodianType: 'BLOOD_CENTER',
  volumeMl: 280,
  bloodUnits: 2,
  ...overrides,
});

const created = (
  type: 'HOSPITAL_ISSUE' | 'CENTER_TRANSFER' = 'HOSPITAL_ISSUE',
  toSiteId = 'HOSP-1',
): ShipmentEvent => ({
  type: 'ShipmentCreated',
  data: { shipmentId: 'S-1', type, fromSiteId: 'BC-1', toSiteId, createdAt: T0 },
});
const packed = (u = unit()): ShipmentEvent => ({
  type: 'UnitPacked',
  data: {
    shipmentId: 'S-1',
    unitId: u.unitId,
    productCode: u.productCode,
    productType: u.productType,
    category: u.category,
    volumeMl: u.volumeMl,
    ...(u.bloodUnits !== undefined ? { bloodUnits: u.bloodUnits } : {}),
    expiresAt: u.expiresAt,
    packedAt: T0,
  },
});
const dispatched: ShipmentEvent = {
  type: 'ShipmentDispatched',
  data: {
    shipmentId: 'S-1',
    type: 'HOSPITAL_ISSUE',
    fromSiteId: 'BC-1',
    toSiteId: 'HOSP-1',
    carrier: 'Courier',
    coolerId: 'BOX-1',
    temperatureC: 4,
    unitIds: [RED],
    dispatchedAt: T0,
  },
};
const receivedEvent = (accepted = true): ShipmentEvent => ({
  type: 'ShipmentReceived',
  data: {
    shipmentId: 'S-1',
    type: 'HOSPITAL_ISSUE',
    fromSiteId: 'BC-1',
    toSiteId: 'HOSP-1',
    condition: 'INTACT',
    temperatureC: 5,
    units: [accepted ? { unitId: RED, accepted } : { unitId: RED, accepted, reason: 'leak' }],
    receivedAt: T1,
  },
});

const site = (siteId: string, siteType: SiteType, active = true): SiteFacts => ({
  registered: true,
  siteId,
  name: siteId,
  siteType,
  active,
});
const hospital = site('HOSP-1', 'HOSPITAL');
const alliance = (members: string[]): AllianceFacts => ({
  registered: true,
  allianceId: 'CITY-ALLIANCE',
  name: 'City alliance',
  members,
});
const create = (overrides: Partial<CreateShipment> = {}): CreateShipment => ({
  type: 'CreateShipment',
  shipmentId: 'S-1',
  shipmentType: 'HOSPITAL_ISSUE',
  fromSiteId: 'BC-1',
  toSiteId: 'HOSP-1',
  consignee: hospital,
  at: T0,
  ...overrides,
});
const pack = (u = unit(), siteId = 'BC-1', packedIn?: string) =>
  ({ type: 'PackUnit', unit: u, packedIn, siteId, at: T0 }) as const;
const dispatch = (temperatureC = 4, units = [unit()], siteId = 'BC-1') =>
  ({
    type: 'DispatchShipment',
    carrier: 'Courier',
    coolerId: 'BOX-1',
    temperatureC,
    units,
    consignee: hospital,
    profile,
    siteId,
    at: T0,
  }) as const;
const receive = (units: { unitId: string; accepted: boolean; reason?: string }[], siteId = 'HOSP-1') =>
  ({
    type: 'ReceiveShipment',
    condition: 'INTACT',
    temperatureC: 5,
    units,
    siteId,
    profile,
    at: T1,
  }) as const;
const returnUnit = (temperatureC = 5, returnedAt = T2, siteId = 'BC-1') =>
  ({ type: 'ReturnUnit', unitId: RED, temperatureC, returnedAt, profile, siteId, at: T2 }) as const;

describe('creating a shipment', () => {
  it('opens a hospital issue from the sender site', () => {
    given([]).when(create()).then([created()]);
  });

  it('refuses the same site, an emergency transfer without an alliance, and a second creation', () => {
    given([])
      .when(create({ toSiteId: 'BC-1' }))
      .thenThrows(SameSite, 'DIST.SAME_SITE');
    given([])
      .when(
        create({
          shipmentType: 'EMERGENCY_TRANSFER',
          toSiteId: 'BC-2',
          consignee: site('BC-2', 'BLOOD_CENTER'),
        }),
      )
      .thenThrows(AllianceRequired, 'DIST.ALLIANCE_REQUIRED');
    given([created()]).when(create()).thenThrows(ShipmentAlreadyExists, 'DIST.SHIPMENT_ALREADY_EXISTS');
  });
});

describe('the consignee of a shipment', () => {
  const bc2 = site('BC-2', 'BLOOD_CENTER');

  it('refuses a site that is not registered', () => {
    given([])
      .when(create({ consignee: { registered: false, siteId: 'HOSP-1' } }))
      .thenThrows(ConsigneeNotRegistered, 'DIST.CONSIGNEE_NOT_REGISTERED');
  });

  it('refuses an inactive site', () => {
    given([])
      .when(create({ consignee: site('HOSP-1', 'HOSPITAL', false) }))
      .thenThrows(ConsigneeInactive, 'DIST.CONSIGNEE_INACTIVE');
  });

  it('sends a hospital issue only to a hospital and a center transfer only to a blood center', () => {
    given([])
      .when(create({ toSiteId: 'LAB-1', consignee: site('LAB-1', 'LABORATORY') }))
      .thenThrows(ConsigneeWrongType, 'DIST.CONSIGNEE_WRONG_TYPE');
    given([])
      .when(create({ shipmentType: 'CENTER_TRANSFER' }))
      .thenThrows(ConsigneeWrongType, 'DIST.CONSIGNEE_WRONG_TYPE');
    given([])
      .when(create({ shipmentType: 'CENTER_TRANSFER', toSiteId: 'BC-2', consignee: bc2 }))
      .then([created('CENTER_TRANSFER', 'BC-2')]);
  });

  it('makes an emergency transfer between two members of the alliance it names', () => {
    const emergency = (overrides: Partial<CreateShipment>) =>
      create({
        shipmentType: 'EMERGENCY_TRANSFER',
        toSiteId: 'BC-2',
        consignee: bc2,
        allianceId: 'CITY-ALLIANCE',
        ...overrides,
      });
    given([])
      .when(emergency({ alliance: alliance(['BC-1', 'BC-2', 'BC-3']) }))
      .then([
        {
          type: 'ShipmentCreated',
          data: {
            shipmentId: 'S-1',
            type: 'EMERGENCY_TRANSFER',
            fromSiteId: 'BC-1',
            toSiteId: 'BC-2',
            allianceId: 'CITY-ALLIANCE',
            createdAt: T0,
          },
        },
      ]);
    given([])
      .when(emergency({ alliance: alliance(['BC-1', 'BC-3']) }))
      .thenThrows(NotAllianceMembers, 'DIST.NOT_ALLIANCE_MEMBERS');
    given([])
      .when(emergency({ fromSiteId: 'BC-9', alliance: alliance(['BC-2', 'BC-3']) }))
      .thenThrows(NotAllianceMembers, 'DIST.NOT_ALLIANCE_MEMBERS');
    given([])
      .when(emergency({ alliance: { registered: false, allianceId: 'CITY-ALLIANCE' } }))
      .thenThrows(AllianceNotRegistered, 'DIST.ALLIANCE_NOT_REGISTERED');
    given([])
      .when(emergency({ consignee: hospital, toSiteId: 'HOSP-1', alliance: alliance(['BC-1', 'HOSP-1']) }))
      .thenThrows(ConsigneeWrongType, 'DIST.CONSIGNEE_WRONG_TYPE');
  });
});

describe('packing a unit', () => {
  it('packs a released, unexpired unit held by the sender, with a snapshot for reports', () => {
    given([created()]).when(pack()).then([packed()]);
  });

  it('refuses a quarantined or expired unit (COMP codes)', () => {
    given([created()])
      .when(pack(unit({ status: 'Quarantined' })))
      .thenThrows(UnitNotReleased, 'COMP.UNIT_NOT_RELEASED');
    given([created()])
      .when(pack(unit({ expiresAt: T0 })))
      .thenThrows(UnitExpired, 'COMP.UNIT_EXPIRED');
  });

  it('refuses a unit held by another site, at a hospital or on the road', () => {
    given([created()])
      .when(pack(unit({ siteId: 'BC-2' })))
      .thenThrows(UnitNotInStock, 'DIST.UNIT_NOT_IN_STOCK');
    given([created()])
      .when(pack(unit({ custodianType: 'HOSPITAL' })))
      .thenThrows(UnitNotInStock, 'DIST.UNIT_NOT_IN_STOCK');
    given([created()])
      .when(pack(unit({ inTransitShipmentId: 'S-0' })))
      .thenThrows(UnitNotInStock, 'DIST.UNIT_NOT_IN_STOCK');
  });

  it('refuses a unit already packed here or in another open shipment', () => {
    given([created(), packed()]).when(pack()).thenThrows(UnitAlreadyPacked, 'DIST.UNIT_ALREADY_PACKED');
    given([created()])
      .when(pack(unit(), 'BC-1', 'S-0'))
      .thenThrows(UnitAlreadyPacked, 'DIST.UNIT_ALREADY_PACKED');
  });

  it('lets only the sender pack, and only while open', () => {
    given([created()]).when(pack(unit(), 'BC-2')).thenThrows(NotShipper, 'DIST.NOT_SHIPPER');
    given([created(), packed(), dispatched])
      .when(pack(unit({ unitId: PLT })))
      .thenThrows(ShipmentNotOpen, 'DIST.SHIPMENT_NOT_OPEN');
  });
});

describe('dispatching', () => {
  it('dispatches with carrier, box and a temperature that suits every unit', () => {
    given([created(), packed()]).when(dispatch()).then([dispatched]);
  });

  it('refuses to dispatch to a consignee deactivated since the shipment was opened, read from its own stream', () => {
    given([created(), packed()])
      .when({ ...dispatch(), consignee: site('HOSP-1', 'HOSPITAL', false) })
      .thenThrows(ConsigneeInactive, 'DIST.CONSIGNEE_INACTIVE');
  });

  it('refuses an empty shipment, a warm box for red cells and a unit quarantined since packing', () => {
    given([created()]).when(dispatch(4, [])).thenThrows(ShipmentEmpty, 'DIST.SHIPMENT_EMPTY');
    given([created(), packed()])
      .when(dispatch(22))
      .thenThrows(TransportTemperatureOutOfRange, 'DIST.TRANSPORT_TEMPERATURE_OUT_OF_RANGE');
    given([created(), packed()])
      .when(dispatch(4, [unit({ status: 'Quarantined' })]))
      .thenThrows(UnitNotReleased, 'COMP.UNIT_NOT_RELEASED');
  });

  it('refuses one box for red cells and platelets together', () => {
    const platelets = unit({ unitId: PLT, productType: 'APHERESIS_PLATELETS', category: 'PLATELETS' });
    given([created(), packed(), packed(platelets)])
      .when(dispatch(22, [unit(), platelets]))
      .thenThrows(TransportTemperatureOutOfRange, 'DIST.TRANSPORT_TEMPERATURE_OUT_OF_RANGE');
  });
});

describe('receiving', () => {
  it('records each unit accepted or rejected at the consignee', () => {
    given([created(), packed(), dispatched])
      .when(receive([{ unitId: RED, accepted: true }]))
      .then([receivedEvent()]);
  });

  it('refuses another site, a shipment not dispatched, a missing unit and a rejection without reason', () => {
    given([created(), packed(), dispatched])
      .when(receive([{ unitId: RED, accepted: true }], 'HOSP-2'))
      .thenThrows(NotConsignee, 'DIST.NOT_CONSIGNEE');
    given([created(), packed()])
      .when(receive([{ unitId: RED, accepted: true }]))
      .thenThrows(ShipmentNotDispatched, 'DIST.SHIPMENT_NOT_DISPATCHED');
    given([created(), packed(), dispatched])
      .when(receive([{ unitId: PLT, accepted: true }]))
      .thenThrows(ReceiptUnitsMismatch, 'DIST.RECEIPT_UNITS_MISMATCH');
    given([created(), packed(), dispatched])
      .when(receive([{ unitId: RED, accepted: false }]))
      .thenThrows(RejectionReasonRequired, 'DIST.REJECTION_REASON_REQUIRED');
  });
});

describe('returns from a hospital', () => {
  const returned = (
    disposition: 'RESTOCKED' | 'DISCARDED',
    temperatureC: number,
    reason?: string,
  ): ShipmentEvent => ({
    type: 'UnitReturned',
    data: {
      shipmentId: 'S-1',
      unitId: RED,
      fromSiteId: 'HOSP-1',
      toSiteId: 'BC-1',
      temperatureC,
      hoursSinceReceipt: 2,
      disposition,
      ...(reason ? { reason } : {}),
      returnedAt: T2,
    },
  });
  const history = [created(), packed(), dispatched, receivedEvent()];

  it('restocks a unit returned in time and in range', () => {
    given(history)
      .when(returnUnit())
      .then([returned('RESTOCKED', 5)]);
  });

  it('discards a unit returned out of range', () => {
    given(history)
      .when(returnUnit(15))
      .then([returned('DISCARDED', 15, 'returned at 15 C')]);
  });

  it('discards a unit returned after the time limit', () => {
    expect(returnDisposition('RED_CELLS', 5, 25, profile)).toEqual({
      disposition: 'DISCARDED',
      reason: 'returned after 24 h',
    });
  });

  it('refuses a unit the hospital rejected, a second return, a transfer and another site', () => {
    given([created(), packed(), dispatched, receivedEvent(false)])
      .when(returnUnit())
      .thenThrows(UnitNotIssuedInShipment, 'DIST.UNIT_NOT_IN_SHIPMENT');
    given([...history, returned('RESTOCKED', 5)])
      .when(returnUnit())
      .thenThrows(UnitAlreadyReturned, 'DIST.UNIT_ALREADY_RETURNED');
    given([created('CENTER_TRANSFER', 'BC-2')])
      .when(returnUnit())
      .thenThrows(NotAHospitalIssue, 'DIST.NOT_A_HOSPITAL_ISSUE');
    given(history)
      .when(returnUnit(5, T2, 'BC-2'))
      .thenThrows(NotShipper, 'DIST.NOT_SHIPPER');
  });
});

describe('business time of dispatch and receipt', () => {
  it('dispatches at the stated time, not the time of entry', () => {
    given([created(), packed()])
      .when({ ...dispatch(), dispatchedAt: '2025-03-01T08:30:00.000Z', at: T1 })
      .then([
        {
          ...dispatched,
          data: { ...dispatched.data, dispatchedAt: '2025-03-01T08:30:00.000Z' },
        } as ShipmentEvent,
      ]);
  });

  it('refuses a dispatch more than 5 minutes in the future', () => {
    given([created(), packed()])
      .when({ ...dispatch(), dispatchedAt: '2025-03-01T08:06:00.000Z' })
      .thenThrows(BusinessTimeInFuture, 'DIST.BUSINESS_TIME_IN_FUTURE');
  });

  it('judges expiry when the box left, not when the dispatch is entered', () => {
    const expiring = unit({ expiresAt: '2025-03-01T08:45:00.000Z' });
    given([created(), packed(expiring)])
      .when({ ...dispatch(4, [expiring]), dispatchedAt: '2025-03-01T08:30:00.000Z', at: T1 })
      .then([
        {
          ...dispatched,
          data: { ...dispatched.data, dispatchedAt: '2025-03-01T08:30:00.000Z' },
        } as ShipmentEvent,
      ]);
  });

  it('refuses a receipt before the dispatch', () => {
    given([created(), packed(), dispatched])
      .when({ ...receive([{ unitId: RED, accepted: true }]), receivedAt: '2025-03-01T07:00:00.000Z' })
      .thenThrows(BusinessTimesOutOfOrder, 'DIST.BUSINESS_TIMES_OUT_OF_ORDER');
  });

  it('records a receipt entered two days late with its reason', () => {
    const late = {
      ...receive([{ unitId: RED, accepted: true }]),
      receivedAt: T1,
      at: '2025-03-03T09:00:00.000Z',
    };
    given([created(), packed(), dispatched])
      .when(late)
      .thenThrows(LateEntryReasonRequired, 'DIST.LATE_ENTRY_REASON_REQUIRED');
    const event = receivedEvent();
    given([created(), packed(), dispatched])
      .when({ ...late, lateEntryReason: 'Hospital LIS was down' })
      .then([
        {
          ...event,
          data: { ...event.data, lateEntry: { reason: 'Hospital LIS was down', delayMinutes: 48 * 60 } },
        } as ShipmentEvent,
      ]);
  });
});
