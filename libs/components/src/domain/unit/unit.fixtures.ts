import type { UnitPreparedContract } from './unit.event-data';
import { catalogFor, findProduct } from '../catalog/product-catalog';
import type { PrepareUnit } from './unit.decide';
import type { UnitEvent } from './unit.events';

export const DIN = 'A999925000001';
export const RED = `${DIN}-E0398V00`;
export const catalog = catalogFor('CN-2019');
export const product = (code: string) => {
  const found = findProduct(catalog, code);
  if (!found) throw new Error(`no ${code} in the catalog`);
  return found;
};

export const collectionEndedAt = '2025-03-01T08:00:00.000Z';
export const at = (hoursAfterCollection: number) =>
  new Date(new Date(collectionEndedAt).getTime() + hoursAfterCollection * 3_600_000).toISOString();

export const prepare = (overrides: Partial<PrepareUnit> = {}): PrepareUnit => ({
  type: 'PrepareUnit',
  unitId: RED,
  din: DIN,
  donorId: 'donor-1',
  productCode: 'E0398V00',
  product: product('E0398'),
  volumeMl: 280,
  bloodUnits: 2,
  siteId: 'BC-1',
  equipmentId: 'CENTRIFUGE-1',
  method: 'SEPARATION',
  parentUnitIds: [],
  sourceDins: [DIN],
  preparedAt: at(2),
  collectionEndedAt,
  parentsReleased: false,
  ...overrides,
});

export const prepared = (overrides: Partial<UnitPreparedContract> = {}): UnitEvent => ({
  type: 'UnitPrepared',
  data: {
    unitId: RED,
    din: DIN,
    donorId: 'donor-1',
    productCode: 'E0398V00',
    descriptionCode: 'E0398',
    productType: 'SUSPENDED_RED_CELLS',
    volumeMl: 280,
    bloodUnits: 2,
    preparedAt: at(2),
    expiresAt: at(35 * 24),
    siteId: 'BC-1',
    parentUnitIds: [],
    sourceDins: [DIN],
    method: 'SEPARATION',
    equipmentId: 'CENTRIFUGE-1',
    status: 'Quarantined',
    ...overrides,
  },
});

export const qualifiedCause = { type: 'DonationQualified', eventId: 'evt-q' };
export const O_POS = { abo: 'O', rhd: 'POS' } as const;

export const qualified = (): UnitEvent => ({
  type: 'UnitQualified',
  data: { unitId: RED, bloodGroup: O_POS, cause: qualifiedCause },
});
export const released = (when = at(3)): UnitEvent => ({
  type: 'UnitReleased',
  data: { unitId: RED, releasedAt: when, cause: qualifiedCause },
});
export const quarantined = (holdId = 'exc-1'): UnitEvent => ({
  type: 'UnitQuarantined',
  data: { unitId: RED, holdId, reason: 'TEMPERATURE_EXCURSION', quarantinedAt: at(5) },
});
export const shipped = (toSiteId = 'BC-2'): UnitEvent => ({
  type: 'UnitShipped',
  data: { unitId: RED, shipmentId: 'S-1', fromSiteId: 'BC-1', toSiteId, at: at(6) },
});
export const received = (toSiteId = 'BC-2'): UnitEvent => ({
  type: 'UnitCustodyTransferred',
  data: {
    unitId: RED,
    shipmentId: 'S-1',
    fromSiteId: 'BC-1',
    toSiteId,
    custodianType: 'BLOOD_CENTER',
    via: 'RECEIVED',
    at: at(7),
  },
});

export const HOSPITAL = 'HOSP-1';
export const issuedToHospital = (shipmentId = 'S-H'): UnitEvent[] => [
  {
    type: 'UnitShipped',
    data: { unitId: RED, shipmentId, fromSiteId: 'BC-1', toSiteId: HOSPITAL, at: at(20) },
  },
  {
    type: 'UnitCustodyTransferred',
    data: {
      unitId: RED,
      shipmentId,
      fromSiteId: 'BC-1',
      toSiteId: HOSPITAL,
      custodianType: 'HOSPITAL',
      via: 'RECEIVED',
      at: at(22),
    },
  },
];
export const transfusedCause = { type: 'UnitTransfused', eventId: 'evt-t' };
export const transfusionRecorded = (): UnitEvent => ({
  type: 'UnitTransfusionRecorded',
  data: {
    unitId: RED,
    requestId: 'REQ-1',
    hospitalSiteId: HOSPITAL,
    transfusedAt: at(30),
    cause: transfusedCause,
  },
});
