import type { ContractMapping } from '@hemotrace/messaging';
import type { CrossmatchPerformedContract } from './transfusion.contracts';

export const CROSSMATCH_PERFORMED_V1 = 'transfusion.CrossmatchPerformed.v1';

/** A crossmatch of a unit against a patient's sample, with its result: conformance checks issues against it. */
export type CrossmatchPerformedV1 = CrossmatchPerformedContract & { recordedAtSite: string };

export const crossmatchPerformedV1: ContractMapping<CrossmatchPerformedV1> = {
  context: 'transfusion',
  storedType: 'CrossmatchPerformed',
  contractType: 'CrossmatchPerformed',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as CrossmatchPerformedContract;
    return {
      requestId: d.requestId,
      patientId: d.patientId,
      hospitalSiteId: d.hospitalSiteId,
      unitId: d.unitId,
      din: d.din,
      productCode: d.productCode,
      method: d.method,
      result: d.result,
      sampleId: d.sampleId,
      sampleValidUntil: d.sampleValidUntil,
      performedAt: d.performedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
