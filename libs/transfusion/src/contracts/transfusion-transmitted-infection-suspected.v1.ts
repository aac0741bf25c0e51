import type { ContractMapping } from '@hemotrace/messaging';
import type { TransfusionTransmittedInfectionSuspectedContract } from './transfusion.contracts';

export const TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED_V1 =
  'transfusion.TransfusionTransmittedInfectionSuspected.v1';

/** A recipient may have been infected by a transfusion: traceability opens a traceback. */
export type TransfusionTransmittedInfectionSuspectedV1 = TransfusionTransmittedInfectionSuspectedContract & {
  recordedAtSite: string;
};

export const transfusionTransmittedInfectionSuspectedV1: ContractMapping<TransfusionTransmittedInfectionSuspectedV1> =
  {
    context: 'transfusion',
    storedType: 'TransfusionTransmittedInfectionSuspected',
    contractType: 'TransfusionTransmittedInfectionSuspected',
    version: 1,
    toContract: (recorded) => {
      const d = recorded.data as TransfusionTransmittedInfectionSuspectedContract;
      return {
        reactionId: d.reactionId,
        requestId: d.requestId,
        patientId: d.patientId,
        hospitalSiteId: d.hospitalSiteId,
        unitIds: d.unitIds,
        dins: d.dins,
        ...(d.suspectedAgent !== undefined ? { suspectedAgent: d.suspectedAgent } : {}),
        reportedAt: d.reportedAt,
        recordedAtSite: recorded.actor.siteId,
      };
    },
  };
