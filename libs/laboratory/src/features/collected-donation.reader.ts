import { Inject, Injectable } from '@nestjs/common';
import type { DonationCompletedContract } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED, donationStreamId } from '@hemotrace/collection/contracts';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';

export interface CollectedDonation {
  din: string;
  donorId: string;
  collectedAt: string;
}

/**
 * What collection recorded of a donation, read from the stream collection owns (`Donation-<din>`):
 * the laboratory's "the donation was collected" precondition is decided from the log of record, so
 * it holds the moment collection's append is acknowledged, whatever the projections have caught up.
 */
@Injectable()
export class CollectedDonationReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async collected(din: string): Promise<CollectedDonation | null> {
    const completed = (await this.store.readStream(donationStreamId(din))).find(
      (e) => e.type === DONATION_COMPLETED,
    );
    if (!completed) return null;
    const data = completed.data as DonationCompletedContract;
    return { din, donorId: data.donorId, collectedAt: data.endedAt };
  }
}
