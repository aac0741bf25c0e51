import type { DonationCompletedV1 } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED_V1 } from '@hemotrace/collection/contracts';
import type { ContractProjection } from '@hemotrace/messaging';
import { DONATION_QUALIFIED_V1 } from '../contracts/donation-qualified.v1';
import { DONATION_REJECTED_V1 } from '../contracts/donation-rejected.v1';
import type { CollectedDonationDoc } from './collections';
import { LAB_COLLECTED_DONATIONS } from './collections';

/**
 * The donations collection completed, from its published contract: the laboratory's list of
 * expected samples. Its own documents only: the testing view is another processor's, and the two
 * are joined in LaboratoryQueries, so neither overwrites the other's writes. The laboratory's own
 * published conclusions mark a donation done, so the queries look for missing samples among the
 * open donations only, not the whole history. The contracts of two contexts arrive in either
 * order (two topics on Kafka): a conclusion before the completion keeps its mark.
 */
export const collectedDonationsProjection: ContractProjection = {
  name: 'laboratory.collected-donations',
  contexts: ['collection', 'laboratory'],
  types: [DONATION_COMPLETED_V1, DONATION_QUALIFIED_V1, DONATION_REJECTED_V1],
  collections: [LAB_COLLECTED_DONATIONS],
  indexes: { [LAB_COLLECTED_DONATIONS]: [['concluded', 'collectedAt']] },
  async handle(event, tx) {
    const din = (event.data as { din?: unknown } | null)?.din;
    /* A malformed upstream event must not stop the worklist of every other donation. */
    if (typeof din !== 'string') return;
    const doc = await tx.get<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, din);
    if (event.type !== DONATION_COMPLETED_V1) {
      if (doc?.concluded) return;
      tx.put<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, din, { ...(doc ?? { din }), concluded: true });
      return;
    }
    const d = event.data as DonationCompletedV1;
    if (typeof d.donorId !== 'string' || typeof d.endedAt !== 'string' || doc?.collectedAt) return;
    tx.put<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, din, {
      din,
      donorId: d.donorId,
      collectedAt: d.endedAt,
      collectionSiteId: d.siteId ?? null,
      concluded: doc?.concluded ?? false,
    });
  },
};
