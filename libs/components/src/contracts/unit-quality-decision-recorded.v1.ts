import type { LateEntry } from '@hemotrace/kernel';
import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitQualityDecisionRecordedContract } from './components.contracts';

export const UNIT_QUALITY_DECISION_RECORDED_V1 = 'components.UnitQualityDecisionRecorded.v1';

/** Quality decided on a hold: release or discard, with the reason. */
export interface UnitQualityDecisionRecordedV1 {
  unitId: string;
  holdId: string;
  decision: 'RELEASE' | 'DISCARD';
  reason: string;
  decidedAt: string;
  lateEntry?: LateEntry;
  /** The site that recorded the fact. */
  recordedAtSite: string;
}

export const unitQualityDecisionRecordedV1: ContractMapping<UnitQualityDecisionRecordedV1> = {
  context: 'components',
  storedType: 'UnitQualityDecisionRecorded',
  contractType: 'UnitQualityDecisionRecorded',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitQualityDecisionRecordedContract;
    return {
      unitId: d.unitId,
      holdId: d.holdId,
      decision: d.decision,
      reason: d.reason,
      decidedAt: d.decidedAt,
      ...(d.lateEntry !== undefined
        ? { lateEntry: { reason: d.lateEntry.reason, delayMinutes: d.lateEntry.delayMinutes } }
        : {}),
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
