import { donationCompletedV1 } from '@hemotrace/collection/contracts';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import type { DonorHistoryView } from './donor-history.projection';
import { DONOR_HISTORY, donorHistoryProjection } from './donor-history.projection';

const given = ContractProjectionSpecification.for(donorHistoryProjection, [donationCompletedV1]);

const completed = (din: string, volumeMl: number) => ({
  streamId: `Donation-${din}`,
  type: 'DonationCompleted',
  data: {
    din,
    donorId: 'donor-9',
    procedure: 'WHOLE_BLOOD',
    volumeMl,
    startedAt: '2023-11-02T09:20:00.000Z',
    endedAt: '2023-11-02T09:30:00.000Z',
    siteId: 'BC-1',
    siteType: 'FIXED_SITE',
    bagLot: 'BAG-1',
  },
});

describe('the donor history for the blood-fee exemption, fed by collection.DonationCompleted.v1', () => {
  it('adds up what each donor gave, once per donation', () =>
    given([completed('W0001', 400), completed('W0002', 200)]).then(async (documents) => {
      expect(await documents.get<DonorHistoryView>(DONOR_HISTORY, 'donor-9')).toMatchObject({
        totalVolumeMl: 600,
        donations: [
          { din: 'W0001', volumeMl: 400 },
          { din: 'W0002', volumeMl: 200 },
        ],
      });
    }));
});
