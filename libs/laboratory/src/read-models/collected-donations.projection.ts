import type { DonationCompletedV1 } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED_V1 } from '@hemotrace/collection/contracts';
import type { ContractProjection } from '@hemotrace/messaging';
import type { CollectedDonationDoc } from './collections';
import { LAB_COLLECTED_DONATIONS } from './collections';

/**
 * The donations collection completed, from its published contract: the laboratory's worklist of
 * expected samples. Its own documents only: the testing view is another processor's (the two are
 * joined in LaboratoryQueries), so neither overwrites the other's writes.
 */
export const collectedDonationsProjection: ContractProjection = {
  name: 'laboratory.collected-donations',
  contexts: ['collection'],
  types: [DONATION_COMPLETED_V1],
  collections: [LAB_COLLECTED_DONATIONS],
  indexes: { [LAB_COLLECTED_DONATIONS]: [['collectedAt']] },
  async handle(event, tx) {
    const d = event.data as DonationCompletedV1;
    /* A malformed upstream event must not stop the worklist of every other donation. */
    if (typeof d?.din !== 'string' || typeof d.donorId !== 'string' || typeof d.endedAt !== 'string') return;
    if (await tx.get<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, d.din)) return;
    tx.put<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, d.din, {
      din: d.din,
      donorId: d.donorId,
      collectedAt: d.endedAt,
      collectionSiteId: d.siteId ?? null,
    });
  },
};
