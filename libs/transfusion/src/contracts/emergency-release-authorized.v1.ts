import type { ContractMapping } from '@hemotrace/messaging';
import type { EmergencyReleaseAuthorizedContract } from './transfusion.contracts';

export const EMERGENCY_RELEASE_AUTHORIZED_V1 = 'transfusion.EmergencyReleaseAuthorized.v1';

/** Group O red cells released uncrossmatched, with who authorized it, why, and the checks waived. */
export type EmergencyReleaseAuthorizedV1 = EmergencyReleaseAuthorizedContract & { recordedAtSite: string };

export const emergencyReleaseAuthorizedV1: ContractMapping<EmergencyReleaseAuthorizedV1> = {
  context: 'transfusion',
  storedType: 'EmergencyReleaseAuthorized',
  contractType: 'EmergencyReleaseAuthorized',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as EmergencyReleaseAuthorizedContract;
    return {
      requestId: d.requestId,
      patientId: d.patientId,
      hospitalSiteId: d.hospitalSiteId,
      unitId: d.unitId,
      din: d.din,
      productCode: d.productCode,
      authorizedBy: d.authorizedBy,
      reason: d.reason,
      waivedChecks: d.waivedChecks,
      authorizedAt: d.authorizedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
