import { ProjectionSpecification } from '@hemotrace/event-sourcing/testing';
import { DONOR, NOW } from '../domain/donation-testing/donation-testing.fixtures';
import type { DonorGroupDoc } from './collections';
import { LAB_DONOR_GROUPS } from './collections';
import { donorGroupsProjection } from './donor-groups.projection';

const given = ProjectionSpecification.for(donorGroupsProjection);

const qualified = (din: string, abo: string, qualifiedAt: string) => ({
  streamId: `DonationTesting-${din}`,
  type: 'DonationQualified',
  data: { din, donorId: DONOR, bloodGroup: { abo, rhd: 'POS' }, qualifiedAt },
  occurredAt: qualifiedAt,
});

describe("the donors' groups of earlier versions' qualifications", () => {
  it("keeps the group of the donor's latest qualified donation", async () => {
    await given([
      qualified('A999926000301', 'O', '2023-05-02T09:00:00.000Z'),
      qualified('A999926000302', 'O', NOW),
    ]).then(async (documents) => {
      expect(await documents.get<DonorGroupDoc>(LAB_DONOR_GROUPS, DONOR)).toEqual({
        donorId: DONOR,
        bloodGroup: { abo: 'O', rhd: 'POS' },
        din: 'A999926000302',
        qualifiedAt: NOW,
      });
    });
  });
});
