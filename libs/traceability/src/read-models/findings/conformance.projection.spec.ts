import { donationCompletedV1 } from '@hemotrace/collection/contracts';
import { unitPreparedV1 } from '@hemotrace/components/contracts';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import type { Finding } from './conformance.projection';
import { ConformanceProjection, FINDINGS } from './conformance.projection';

const given = ContractProjectionSpecification.for(new ConformanceProjection('CN-2019'), [
  donationCompletedV1,
  unitPreparedV1,
]);

const completedAt = '2024-05-02T08:00:00.000Z';
const collected = {
  streamId: 'Donation-W0001',
  type: 'DonationCompleted',
  data: {
    din: 'W0001',
    donorId: 'donor-1',
    procedure: 'WHOLE_BLOOD',
    volumeMl: 400,
    startedAt: '2024-05-02T07:50:00.000Z',
    endedAt: completedAt,
    siteId: 'BC-1',
    siteType: 'FIXED_SITE',
    bagLot: 'BAG-1',
  },
};
const plasmaPreparedAt = (preparedAt: string) => ({
  streamId: 'Unit-W0001-E2556V00',
  type: 'UnitPrepared',
  siteId: 'BC-2',
  /* Entered days later: the clock runs on business time, not on when it was recorded. */
  occurredAt: '2024-05-09T10:00:00.000Z',
  data: {
    unitId: 'W0001-E2556V00',
    din: 'W0001',
    donorId: 'donor-1',
    productCode: 'E2556V00',
    descriptionCode: 'E2556',
    productType: 'FRESH_FROZEN_PLASMA',
    volumeMl: 200,
    preparedAt,
    expiresAt: '2025-05-02T08:00:00.000Z',
    siteId: 'BC-2',
    parentUnitIds: [],
    sourceDins: ['W0001'],
    method: 'CENTRIFUGATION',
    equipmentId: 'CENTRIFUGE-1',
    status: 'Quarantined',
  },
});

describe('conformance, fed by the contracts of every context a unit passes through', () => {
  it('finds plasma prepared past the 6 h of CN 2019, at the business time and site of the preparation', () =>
    given([collected, plasmaPreparedAt('2024-05-02T14:30:00.000Z')]).then(async (documents) => {
      const findings = await documents.find<Finding>(FINDINGS);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: 'PREPARED_PAST_TIME_LIMIT',
        unitId: 'W0001-E2556V00',
        siteId: 'BC-2',
        at: '2024-05-09T10:00:00.000Z',
        details: { productType: 'FRESH_FROZEN_PLASMA', hoursAfterCollection: 6.5, limitHours: 6 },
      });
      expect(findings[0].eventIds).toHaveLength(2);
    }));

  it('finds nothing for plasma prepared within the limit', () =>
    given([collected, plasmaPreparedAt('2024-05-02T13:59:00.000Z')]).then(async (documents) => {
      expect(await documents.find(FINDINGS)).toEqual([]);
    }));
});
