import { donationCompletedV1 } from '@hemotrace/collection/contracts';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import { DONOR_HISTORY } from './collections';
import type { DonationHistoryDoc } from './donation-history.projection';
import { donationHistoryProjection } from './donation-history.projection';

const given = ContractProjectionSpecification.for(donationHistoryProjection, [donationCompletedV1]);

const completed = (din: string, procedure: string, endedAt: string, extra: object = {}) => ({
  streamId: `Donation-${din}`,
  type: 'DonationCompleted',
  data: {
    din,
    donorId: 'donor-1',
    procedure,
    volumeMl: procedure === 'WHOLE_BLOOD' ? 400 : 250,
    startedAt: endedAt,
    endedAt,
    siteId: 'BC-1',
    siteType: 'FIXED',
    bagLot: 'BAG-1',
    ...extra,
  },
});

describe('the donation history, fed by collection.DonationCompleted.v1', () => {
  it('counts completed donations per donor and keeps the latest end per procedure, in business time', () =>
    given([
      completed('W0001', 'WHOLE_BLOOD', '2024-05-02T09:30:00.000Z'),
      completed('W0002', 'APHERESIS_PLATELETS', '2024-06-10T09:30:00.000Z', { plateletDoses: 2 }),
      /* Learnt late, happened earlier: the last whole-blood donation stays the May one. */
      completed('W0003', 'WHOLE_BLOOD', '2024-01-15T09:30:00.000Z'),
    ]).then(async (documents) => {
      const doc = await documents.get<DonationHistoryDoc>(DONOR_HISTORY, 'donor-1');
      expect(doc).toMatchObject({
        wholeBloodDonations: 2,
        apheresisProcedures: 1,
        plateletDoses: 2,
        totalVolumeMl: 1050,
        lastDonationAt: {
          WHOLE_BLOOD: '2024-05-02T09:30:00.000Z',
          APHERESIS_PLATELETS: '2024-06-10T09:30:00.000Z',
        },
      });
      expect(doc?.donations.map((d) => d.din)).toEqual(['W0001', 'W0002', 'W0003']);
    }));

  it('sees nothing collection does not publish: a started donation is not in the history', () =>
    given([
      {
        streamId: 'Donation-W0004',
        type: 'DonationStarted',
        data: { din: 'W0004', donorId: 'donor-1', procedure: 'WHOLE_BLOOD' },
      },
    ]).then(async (documents) => {
      expect(await documents.get(DONOR_HISTORY, 'donor-1')).toBeNull();
    }));
});
