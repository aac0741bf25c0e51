import { donationCompletedV1 } from '@hemotrace/collection/contracts';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import { COLLECTED_AT, DIN, DONOR } from '../domain/donation-testing/donation-testing.fixtures';
import type { CollectedDonationDoc } from './collections';
import { LAB_COLLECTED_DONATIONS, LAB_DONATIONS } from './collections';
import { collectedDonationsProjection } from './collected-donations.projection';

const given = ContractProjectionSpecification.for(collectedDonationsProjection, [donationCompletedV1]);

const completed = (din: string, endedAt: string) => ({
  streamId: `Donation-${din}`,
  type: 'DonationCompleted',
  data: {
    din,
    donorId: DONOR,
    procedure: 'WHOLE_BLOOD',
    volumeMl: 400,
    startedAt: endedAt,
    endedAt,
    siteId: 'BC-1-BUS-2',
    siteType: 'MOBILE',
    bagLot: 'BAG-1',
  },
  occurredAt: endedAt,
});

describe("the laboratory's collected donations, fed by collection.DonationCompleted.v1", () => {
  it('keeps each completed donation with its business time of collection and its site', () =>
    given([completed(DIN, COLLECTED_AT)]).then(async (documents) => {
      expect(await documents.get<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, DIN)).toEqual({
        din: DIN,
        donorId: DONOR,
        collectedAt: COLLECTED_AT,
        collectionSiteId: 'BC-1-BUS-2',
      });
    }));

  it('writes none of the testing documents, which the log projection of its own events owns', () =>
    given([completed(DIN, COLLECTED_AT)]).then(async (documents) => {
      expect(await documents.count(LAB_DONATIONS)).toBe(0);
    }));

  it('sees nothing collection does not publish: a started donation is not expected by the laboratory', () =>
    given([
      {
        streamId: `Donation-${DIN}`,
        type: 'DonationStarted',
        data: { din: DIN, donorId: DONOR, procedure: 'WHOLE_BLOOD' },
      },
    ]).then(async (documents) => {
      expect(await documents.get(LAB_COLLECTED_DONATIONS, DIN)).toBeNull();
    }));
});
