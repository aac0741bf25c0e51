import { donationCompletedV1 } from '@hemotrace/collection/contracts';
import { donationQualifiedV1 } from '../contracts/donation-qualified.v1';
import { donationRejectedV1 } from '../contracts/donation-rejected.v1';
import { ContractProjectionSpecification } from '@hemotrace/messaging/testing';
import { COLLECTED_AT, DIN, DONOR } from '../domain/donation-testing/donation-testing.fixtures';
import type { CollectedDonationDoc } from './collections';
import { LAB_COLLECTED_DONATIONS, LAB_DONATIONS } from './collections';
import { collectedDonationsProjection } from './collected-donations.projection';

const given = ContractProjectionSpecification.for(collectedDonationsProjection, [
  donationCompletedV1,
  donationQualifiedV1,
  donationRejectedV1,
]);

const concluded = (din: string, type: 'DonationQualified' | 'DonationRejected') => ({
  streamId: `DonationTesting-${din}`,
  type,
  data:
    type === 'DonationQualified'
      ? { din, donorId: DONOR, bloodGroup: { abo: 'O', rhd: 'POS' }, qualifiedAt: '2026-03-02T09:00:00.000Z' }
      : { din, donorId: DONOR, reactiveMarkers: ['HIV'], rejectedAt: '2026-03-02T09:00:00.000Z' },
});

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
        concluded: false,
      });
    }));

  it("marks a donation done when the laboratory's conclusion is published, qualified or rejected", async () => {
    await given([completed(DIN, COLLECTED_AT), concluded(DIN, 'DonationQualified')]).then(
      async (documents) => {
        expect(await documents.get<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, DIN)).toMatchObject({
          collectedAt: COLLECTED_AT,
          concluded: true,
        });
      },
    );
    await given([completed(DIN, COLLECTED_AT), concluded(DIN, 'DonationRejected')]).then(
      async (documents) => {
        expect(await documents.get<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, DIN)).toMatchObject({
          concluded: true,
        });
      },
    );
  });

  it('keeps the mark of a conclusion folded before the completion (two topics, either order)', () =>
    given([concluded(DIN, 'DonationQualified'), completed(DIN, COLLECTED_AT)]).then(async (documents) => {
      expect(await documents.get<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, DIN)).toEqual({
        din: DIN,
        donorId: DONOR,
        collectedAt: COLLECTED_AT,
        collectionSiteId: 'BC-1-BUS-2',
        concluded: true,
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
