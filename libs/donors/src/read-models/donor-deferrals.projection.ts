import type { Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { DonorDeferralLifted, DonorDeferred } from '../domain/donor/donor.events';
import { DONOR_DEFERRAL_REASONS, DONOR_DEFERRALS, NEVER } from './collections';

export interface DeferralDoc {
  deferralId: string;
  donorId: string;
  kind: 'TEMPORARY' | 'PERMANENT';
  reasons: { code: string; detail?: string }[];
  reasonCodes: string[];
  deferredAt: string;
  until: string | null;
  /** `until`, or the far future for a permanent deferral. */
  endsAt: string;
  source: string;
  din: string | null;
  lifted: boolean;
  liftedAt: string | null;
  liftReason: string | null;
}

/** One row per (deferral, reason code), so the registry can be searched by reason on an index. */
export interface DeferralReasonDoc {
  deferralId: string;
  donorId: string;
  code: string;
  endsAt: string;
  lifted: boolean;
}

/** The deferral registry: every deferral of every donor, searchable by reason and by whether it is in force. */
export const donorDeferralsProjection: Projection = {
  name: 'donors.deferrals',
  collections: [DONOR_DEFERRALS, DONOR_DEFERRAL_REASONS],
  indexes: {
    [DONOR_DEFERRALS]: [['donorId'], ['lifted', 'endsAt']],
    [DONOR_DEFERRAL_REASONS]: [['code', 'lifted', 'endsAt']],
  },
  handles: ['DonorDeferred', 'DonorDeferralLifted'],
  async apply(event: RecordedEvent, tx) {
    if (event.type === 'DonorDeferred') {
      const d = (event as RecordedEvent<'DonorDeferred', DonorDeferred['data']>).data;
      const endsAt = d.until ?? NEVER;
      tx.put<DeferralDoc>(DONOR_DEFERRALS, d.deferralId, {
        deferralId: d.deferralId,
        donorId: d.donorId,
        kind: d.kind,
        reasons: d.reasons,
        reasonCodes: d.reasons.map((r) => r.code),
        deferredAt: d.deferredAt,
        until: d.until ?? null,
        endsAt,
        source: d.source,
        din: d.din ?? null,
        lifted: false,
        liftedAt: null,
        liftReason: null,
      });
      for (const reason of d.reasons) {
        tx.put<DeferralReasonDoc>(DONOR_DEFERRAL_REASONS, `${d.deferralId}:${reason.code}`, {
          deferralId: d.deferralId,
          donorId: d.donorId,
          code: reason.code,
          endsAt,
          lifted: false,
        });
      }
      return;
    }
    const lifted = (event as RecordedEvent<'DonorDeferralLifted', DonorDeferralLifted['data']>).data;
    const doc = await tx.get<DeferralDoc>(DONOR_DEFERRALS, lifted.deferralId);
    if (!doc) return;
    tx.put<DeferralDoc>(DONOR_DEFERRALS, doc.deferralId, {
      ...doc,
      lifted: true,
      liftedAt: lifted.liftedAt,
      liftReason: lifted.reason,
    });
    for (const code of doc.reasonCodes) {
      tx.put<DeferralReasonDoc>(DONOR_DEFERRAL_REASONS, `${doc.deferralId}:${code}`, {
        deferralId: doc.deferralId,
        donorId: doc.donorId,
        code,
        endsAt: doc.endsAt,
        lifted: true,
      });
    }
  },
};
