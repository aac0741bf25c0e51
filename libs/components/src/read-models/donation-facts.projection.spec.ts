import { donationCompletedV1 } from '@hemotrace/collection/contracts';
import { donationQualifiedV1, donationRejectedV1 } from '@hemotrace/laboratory/contracts';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import type { DonationFacts } from './donation-facts.projection';
import { DONATIONS, donationFactsProjection } from './donation-facts.projection';

const given = ContractProjectionSpecification.for(donationFactsProjection, [
  donationCompletedV1,
  donationQualifiedV1,
  donationRejectedV1,
]);

const completed = {
  streamId: 'Donation-W0001',
  type: 'DonationCompleted',
  data: {
    din: 'W0001',
    donorId: 'donor-1',
    procedure: 'WHOLE_BLOOD',
    volumeMl: 400,
    startedAt: '2024-05-02T09:20:00.000Z',
    endedAt: '2024-05-02T09:30:00.000Z',
    siteId: 'BC-1',
    siteType: 'FIXED',
    bagLot: 'BAG-1',
  },
};

describe("components' donation facts, fed by collection's and laboratory's contracts", () => {
  it('joins the completed donation and the laboratory conclusion, in business time', () =>
    given([
      completed,
      {
        streamId: 'DonationTesting-W0001',
        type: 'DonationQualified',
        data: {
          din: 'W0001',
          donorId: 'donor-1',
          bloodGroup: { abo: 'A', rhd: 'POS' },
          qualifiedAt: '2024-05-03T14:00:00.000Z',
        },
      },
    ]).then(async (documents) => {
      const facts = await documents.get<DonationFacts>(DONATIONS, 'W0001');
      expect(facts).toMatchObject({
        din: 'W0001',
        completed: { donorId: 'donor-1', procedure: 'WHOLE_BLOOD', volumeMl: 400, siteId: 'BC-1' },
        qualified: { bloodGroup: { abo: 'A', rhd: 'POS' }, at: '2024-05-03T14:00:00.000Z' },
      });
      expect(facts?.qualified?.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(facts?.rejected).toBeUndefined();
    }));

  it('records a rejection with its reactive markers', () =>
    given([
      completed,
      {
        streamId: 'DonationTesting-W0001',
        type: 'DonationRejected',
        data: {
          din: 'W0001',
          donorId: 'donor-1',
          reactiveMarkers: ['HBsAg'],
          rejectedAt: '2024-05-03T15:00:00.000Z',
        },
      },
    ]).then(async (documents) => {
      expect((await documents.get<DonationFacts>(DONATIONS, 'W0001'))?.rejected).toMatchObject({
        reactiveMarkers: ['HBsAg'],
        at: '2024-05-03T15:00:00.000Z',
      });
    }));
});
