import { unitPreparedV1, unitReleasedV1 } from '@hemotrace/components/contracts';
import { shipmentReceivedV1 } from '@hemotrace/distribution/contracts';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import { unitAllocatedV1 } from '../contracts/unit-allocated.v1';
import { unitIssuedToWardV1 } from '../contracts/unit-issued-to-ward.v1';
import type { HospitalUnitView } from './hospital-stock.projection';
import { HOSPITAL_UNITS, hospitalStockProjection } from './hospital-stock.projection';

const given = ContractProjectionSpecification.for(hospitalStockProjection, [
  unitPreparedV1,
  unitReleasedV1,
  shipmentReceivedV1,
  unitAllocatedV1,
  unitIssuedToWardV1,
]);

const UNIT = 'W0001-E0398V00';
const prepared = {
  streamId: `Unit-${UNIT}`,
  type: 'UnitPrepared',
  data: {
    unitId: UNIT,
    din: 'W0001',
    donorId: 'donor-1',
    productCode: 'E0398V00',
    descriptionCode: 'E0398',
    productType: 'LEUKOREDUCED_RED_CELLS',
    volumeMl: 280,
    preparedAt: '2024-05-02T12:00:00.000Z',
    expiresAt: '2024-06-13T12:00:00.000Z',
    siteId: 'BC-1',
    parentUnitIds: [],
    sourceDins: ['W0001'],
    method: 'CENTRIFUGATION',
    equipmentId: 'CENTRIFUGE-1',
    status: 'Quarantined',
  },
};
const released = {
  streamId: `Unit-${UNIT}`,
  type: 'UnitReleased',
  data: { unitId: UNIT, releasedAt: '2024-05-03T15:00:00.000Z', cause: { kind: 'MANUAL' } },
};
const received = {
  streamId: 'Shipment-S-1',
  type: 'ShipmentReceived',
  data: {
    shipmentId: 'S-1',
    type: 'HOSPITAL_ISSUE',
    fromSiteId: 'BC-1',
    toSiteId: 'HOSP-1',
    condition: 'INTACT',
    temperatureC: 4,
    units: [{ unitId: UNIT, accepted: true }],
    receivedAt: '2024-05-04T09:00:00.000Z',
  },
};
const request = {
  requestId: 'REQ-1',
  patientId: 'P-1',
  hospitalSiteId: 'HOSP-1',
  unitId: UNIT,
  din: 'W0001',
};

describe("the hospital stock, fed by components', distribution's and transfusion's contracts", () => {
  it("follows a unit from the blood center's release to the ward it was issued to", () =>
    given([
      prepared,
      released,
      received,
      {
        streamId: 'TransfusionRequest-REQ-1',
        type: 'UnitAllocated',
        data: { ...request, productCode: 'E0398V00', allocatedAt: '2024-05-05T08:00:00.000Z' },
      },
      {
        streamId: 'TransfusionRequest-REQ-1',
        type: 'UnitIssuedToWard',
        data: {
          ...request,
          productCode: 'E0398V00',
          ward: 'ICU-2',
          crossmatched: true,
          emergencyRelease: false,
          issuedAt: '2024-05-05T09:00:00.000Z',
        },
      },
    ]).then(async (documents) => {
      expect(await documents.get<HospitalUnitView>(HOSPITAL_UNITS, UNIT)).toMatchObject({
        product: 'RED_CELLS',
        leukoreduced: true,
        releaseStatus: 'Released',
        siteId: 'HOSP-1',
        receivedAt: '2024-05-04T09:00:00.000Z',
        hospitalStatus: 'ISSUED',
        requestId: 'REQ-1',
        patientId: 'P-1',
        ward: 'ICU-2',
      });
    }));

  it('is not placed at a hospital by a shipment it was refused from', () =>
    given([
      prepared,
      { ...received, data: { ...received.data, units: [{ unitId: UNIT, accepted: false, reason: 'WARM' }] } },
    ]).then(async (documents) => {
      expect(await documents.get<HospitalUnitView>(HOSPITAL_UNITS, UNIT)).toMatchObject({
        siteId: null,
        hospitalStatus: null,
      });
    }));
});
