import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitIssuedToWardContract } from './transfusion.contracts';

export const UNIT_ISSUED_TO_WARD_V1 = 'transfusion.UnitIssuedToWard.v1';

/** The hospital blood bank issued a unit to a ward for a patient: it is out of the bank's stock. */
export type UnitIssuedToWardV1 = UnitIssuedToWardContract & { recordedAtSite: string };

export const unitIssuedToWardV1: ContractMapping<UnitIssuedToWardV1> = {
  context: 'transfusion',
  storedType: 'UnitIssuedToWard',
  contractType: 'UnitIssuedToWard',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitIssuedToWardContract;
    return {
      requestId: d.requestId,
      patientId: d.patientId,
      hospitalSiteId: d.hospitalSiteId,
      unitId: d.unitId,
      din: d.din,
      productCode: d.productCode,
      ward: d.ward,
      crossmatched: d.crossmatched,
      emergencyRelease: d.emergencyRelease,
      issuedAt: d.issuedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
