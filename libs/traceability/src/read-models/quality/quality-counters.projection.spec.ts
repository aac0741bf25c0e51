import { shipmentDispatchedV1, shipmentReceivedV1, unitPackedV1 } from '@hemotrace/distribution/contracts';
import { donationCompletedV1 } from '@hemotrace/collection/contracts';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import type { CountedTransfer, DailyCounters } from './quality-counters.projection';
import { DAILY_COUNTERS, QualityCountersProjection, TRANSFERS } from './quality-counters.projection';

const given = ContractProjectionSpecification.for(new QualityCountersProjection(), [
  donationCompletedV1,
  unitPackedV1,
  shipmentDispatchedV1,
  shipmentReceivedV1,
]);

const packed = (unitId: string, category: string, extra: object) => ({
  streamId: 'Shipment-T-1',
  type: 'UnitPacked',
  data: {
    shipmentId: 'T-1',
    unitId,
    productCode: 'E0000V00',
    productType: category === 'RED_CELLS' ? 'SUSPENDED_RED_CELLS' : 'APHERESIS_PLATELETS',
    category,
    volumeMl: 200,
    expiresAt: '2024-06-30T00:00:00.000Z',
    packedAt: '2024-05-31T22:00:00.000Z',
    ...extra,
  },
});

describe('the quality counters, fed by collection and distribution contracts', () => {
  it('counts a donation on the day it ended at its site, not the day it was recorded', () =>
    given([
      {
        streamId: 'Donation-W0001',
        type: 'DonationCompleted',
        occurredAt: '2024-06-03T08:00:00.000Z',
        data: {
          din: 'W0001',
          donorId: 'donor-1',
          procedure: 'WHOLE_BLOOD',
          volumeMl: 400,
          startedAt: '2024-05-31T23:40:00.000Z',
          endedAt: '2024-05-31T23:55:00.000Z',
          siteId: 'MOBILE-3',
          siteType: 'MOBILE_VEHICLE',
          bagLot: 'BAG-1',
          groupDonation: true,
        },
      },
    ]).then(async (documents) => {
      expect(await documents.get<DailyCounters>(DAILY_COUNTERS, 'MOBILE-3|2024-05-31')).toMatchObject({
        c: { donations: 1, volumeMl: 400, groupDonations: 1 },
      });
    }));

  it('keeps a transfer between centers in transit from dispatch to receipt, with what was accepted', () =>
    given([
      packed('U-1', 'RED_CELLS', { bloodUnits: 2 }),
      packed('U-2', 'PLATELETS', { plateletDoses: 1 }),
      {
        streamId: 'Shipment-T-1',
        type: 'ShipmentDispatched',
        data: {
          shipmentId: 'T-1',
          type: 'CENTER_TRANSFER',
          fromSiteId: 'BC-1',
          toSiteId: 'BC-2',
          carrier: 'VAN-1',
          coolerId: 'COOLER-1',
          temperatureC: 4,
          unitIds: ['U-1', 'U-2'],
          dispatchedAt: '2024-05-31T23:00:00.000Z',
        },
      },
      {
        streamId: 'Shipment-T-1',
        type: 'ShipmentReceived',
        data: {
          shipmentId: 'T-1',
          type: 'CENTER_TRANSFER',
          fromSiteId: 'BC-1',
          toSiteId: 'BC-2',
          condition: 'INTACT',
          temperatureC: 5,
          units: [
            { unitId: 'U-1', accepted: true },
            { unitId: 'U-2', accepted: false, reason: 'WARM' },
          ],
          receivedAt: '2024-06-01T02:00:00.000Z',
        },
      },
    ]).then(async (documents) => {
      expect(await documents.get<CountedTransfer>(TRANSFERS, 'T-1')).toEqual({
        id: 'T-1',
        type: 'CENTER_TRANSFER',
        fromSiteId: 'BC-1',
        toSiteId: 'BC-2',
        dispatchedAt: '2024-05-31T23:00:00.000Z',
        sent: { units: 2, redCellUnits: 2, plateletDoses: 1 },
        receivedAt: '2024-06-01T02:00:00.000Z',
        accepted: { units: 1, redCellUnits: 2, plateletDoses: 0 },
      });
    }));
});
