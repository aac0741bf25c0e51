import type { Projection } from '@hemotrace/event-sourcing';
import type { DonationQualified } from '../domain/donation-testing/donation-testing.events';
import type { DonorGroupDoc } from './collections';
import { LAB_DONOR_GROUPS } from './collections';

/**
 * The group of each donor's latest qualified donation, from the laboratory's own DonationQualified.
 * The donor's group on record is its DonorBloodGroup- stream; this read model only answers for
 * donors qualified before those streams existed (a store of an earlier version), whose history
 * is not re-recorded on open: the events of an existing store stay as they were.
 */
export const donorGroupsProjection: Projection = {
  name: 'laboratory.donor-groups',
  collections: [LAB_DONOR_GROUPS],
  handles: ['DonationQualified'],
  apply: async (event, tx) => {
    if (event.type !== 'DonationQualified' || !event.streamId.startsWith('DonationTesting-')) return;
    const d = event.data as DonationQualified;
    tx.put<DonorGroupDoc>(LAB_DONOR_GROUPS, d.donorId, {
      donorId: d.donorId,
      bloodGroup: d.bloodGroup,
      din: d.din,
      qualifiedAt: d.qualifiedAt,
    });
  },
};
