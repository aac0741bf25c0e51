import type { DinFlags } from '@hemotrace/kernel';
import type { Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { DonationEvent } from '../domain/donation/donation.events';

export const DONATIONS = 'collection_donations';

export interface DonationDoc {
  din: string;
  donorId: string;
  procedure: string;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'ABORTED';
  nominalVolumeMl: number | null;
  plateletDoses: number | null;
  volumeMl: number | null;
  measuredVolumeMl: number | null;
  siteId: string;
  siteType: string;
  bagLot: string;
  operatorId: string;
  startedAt: string;
  endedAt: string | null;
  abort: { reason: string; partialVolumeMl: number; abortedAt: string } | null;
  adverseReactions: { reactionType: string; severity: string; occurredAt: string; notes?: string }[];
  sampleTubeIds: string[];
  groupDonation: boolean;
  /** ISBT 128 flags scanned with the DIN at the start, when the entry had them. */
  dinFlags?: DinFlags;
}

/** Donations by DIN and by donor, as the floor and the auditors look them up. */
export const donationsProjection: Projection = {
  name: 'collection.donations',
  collections: [DONATIONS],
  indexes: { [DONATIONS]: [['donorId'], ['startedAt']] },
  handles: [
    'DonationStarted',
    'DonationCompleted',
    'DonationAborted',
    'DonorAdverseReactionRecorded',
    'SampleTubesLabelled',
  ],
  async apply(recorded: RecordedEvent, tx) {
    const event = { type: recorded.type, data: recorded.data } as DonationEvent;
    if (event.type === 'DonationStarted') {
      const d = event.data;
      tx.put<DonationDoc>(DONATIONS, d.din, {
        din: d.din,
        donorId: d.donorId,
        procedure: d.procedure,
        status: 'IN_PROGRESS',
        nominalVolumeMl: d.nominalVolumeMl ?? null,
        plateletDoses: d.plateletDoses ?? null,
        volumeMl: null,
        measuredVolumeMl: null,
        siteId: d.siteId,
        siteType: d.siteType,
        bagLot: d.bagLot,
        operatorId: d.operatorId,
        startedAt: d.startedAt,
        endedAt: null,
        abort: null,
        adverseReactions: [],
        sampleTubeIds: [],
        groupDonation: d.groupDonation ?? false,
        ...(d.dinFlags === undefined ? {} : { dinFlags: d.dinFlags }),
      });
      return;
    }
    const doc = await tx.get<DonationDoc>(DONATIONS, event.data.din);
    if (!doc) return;
    const next = ((): DonationDoc => {
      switch (event.type) {
        case 'DonationCompleted':
          return {
            ...doc,
            status: 'COMPLETED',
            volumeMl: event.data.volumeMl,
            measuredVolumeMl: event.data.measuredVolumeMl ?? null,
            plateletDoses: event.data.plateletDoses ?? doc.plateletDoses,
            startedAt: event.data.startedAt,
            endedAt: event.data.endedAt,
          };
        case 'DonationAborted':
          return {
            ...doc,
            status: 'ABORTED',
            endedAt: event.data.abortedAt,
            abort: {
              reason: event.data.reason,
              partialVolumeMl: event.data.partialVolumeMl,
              abortedAt: event.data.abortedAt,
            },
          };
        case 'DonorAdverseReactionRecorded': {
          const { reactionType, severity, occurredAt, notes } = event.data;
          return {
            ...doc,
            adverseReactions: [
              ...doc.adverseReactions,
              { reactionType, severity, occurredAt, ...(notes === undefined ? {} : { notes }) },
            ],
          };
        }
        case 'SampleTubesLabelled':
          return { ...doc, sampleTubeIds: [...doc.sampleTubeIds, ...event.data.tubeIds] };
        default: {
          const unhandled: never = event;
          return unhandled;
        }
      }
    })();
    tx.put<DonationDoc>(DONATIONS, doc.din, next);
  },
};
