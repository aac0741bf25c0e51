import type { Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { DonorEvent } from '../domain/donor/donor.events';
import type { LastScreening } from '../domain/donor/donor.state';
import { DONOR_PROFILES } from './collections';

export interface DonorProfileDoc {
  donorId: string;
  sex: string;
  birthDate: string;
  registeredAt: string;
  registeredAtSite: string;
  lastScreening?: LastScreening;
}

/** The traceability side of a donor as the clinic sees it; deferrals and history have their own read models. */
export const donorProfileProjection: Projection = {
  name: 'donors.profile',
  collections: [DONOR_PROFILES],
  handles: ['DonorRegistered', 'DonorScreened', 'DonorFoundEligible'],
  async apply(recorded: RecordedEvent, tx) {
    const event = { type: recorded.type, data: recorded.data } as DonorEvent;
    if (event.type === 'DonorRegistered') {
      const { donorId, sex, birthDate, registeredAt, siteId } = event.data;
      tx.put<DonorProfileDoc>(DONOR_PROFILES, donorId, {
        donorId,
        sex,
        birthDate,
        registeredAt,
        registeredAtSite: siteId,
      });
      return;
    }
    const doc = await tx.get<DonorProfileDoc>(DONOR_PROFILES, event.data.donorId);
    if (!doc) return;
    if (event.type === 'DonorScreened') {
      const { screeningId, procedure, screenedAt } = event.data;
      tx.put(DONOR_PROFILES, doc.donorId, {
        ...doc,
        lastScreening: { screeningId, procedure, screenedAt, outcome: 'DEFERRED' },
      });
    } else if (
      event.type === 'DonorFoundEligible' &&
      doc.lastScreening?.screeningId === event.data.screeningId
    ) {
      tx.put(DONOR_PROFILES, doc.donorId, {
        ...doc,
        lastScreening: { ...doc.lastScreening, outcome: 'ELIGIBLE', validUntil: event.data.validUntil },
      });
    }
  },
};
