import type { ContractMapping } from '@hemotrace/messaging';
import type { UnitReturnedToBloodBankContract } from './transfusion.contracts';

export const UNIT_RETURNED_TO_BLOOD_BANK_V1 = 'transfusion.UnitReturnedToBloodBank.v1';

/** An unused unit came back to the hospital blood bank: components records the return on the unit. */
export type UnitReturnedToBloodBankV1 = UnitReturnedToBloodBankContract & { recordedAtSite: string };

export const unitReturnedToBloodBankV1: ContractMapping<UnitReturnedToBloodBankV1> = {
  context: 'transfusion',
  storedType: 'UnitReturnedToBloodBank',
  contractType: 'UnitReturnedToBloodBank',
  version: 1,
  toContract: (recorded) => {
    const d = recorded.data as UnitReturnedToBloodBankContract;
    return {
      requestId: d.requestId,
      hospitalSiteId: d.hospitalSiteId,
      unitId: d.unitId,
      minutesOutOfStorage: d.minutesOutOfStorage,
      temperatureC: d.temperatureC,
      returnedAt: d.returnedAt,
      recordedAtSite: recorded.actor.siteId,
    };
  },
};
