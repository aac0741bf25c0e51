import type { ContractMapping } from '@hemotrace/messaging';
import { unitPreparedV1 } from '../contracts/unit-prepared.v1';
import { unitQualifiedV1 } from '../contracts/unit-qualified.v1';
import { unitReleasedV1 } from '../contracts/unit-released.v1';
import { unitQuarantinedV1 } from '../contracts/unit-quarantined.v1';
import { unitQualityDecisionRecordedV1 } from '../contracts/unit-quality-decision-recorded.v1';
import { unitDiscardedV1 } from '../contracts/unit-discarded.v1';
import { unitExpiredV1 } from '../contracts/unit-expired.v1';
import { unitConsumedV1 } from '../contracts/unit-consumed.v1';
import { unitStoredV1 } from '../contracts/unit-stored.v1';
import { unitShippedV1 } from '../contracts/unit-shipped.v1';
import { unitCustodyTransferredV1 } from '../contracts/unit-custody-transferred.v1';
import { unitAllocatedToPatientV1 } from '../contracts/unit-allocated-to-patient.v1';
import { unitAllocationReleasedV1 } from '../contracts/unit-allocation-released.v1';
import { unitTransfusionRecordedV1 } from '../contracts/unit-transfusion-recorded.v1';
import { unitWastedAtHospitalV1 } from '../contracts/unit-wasted-at-hospital.v1';

/**
 * What components publishes for other contexts (`components.<Fact>.v1`): a unit's lifecycle, from
 * preparation to the end of it, and its custody. Equipment, storage-device and donation-processing
 * facts stay inside the context.
 */
export const componentsIntegrationContracts: ContractMapping[] = [
  unitPreparedV1 as ContractMapping,
  unitQualifiedV1 as ContractMapping,
  unitReleasedV1 as ContractMapping,
  unitQuarantinedV1 as ContractMapping,
  unitQualityDecisionRecordedV1 as ContractMapping,
  unitDiscardedV1 as ContractMapping,
  unitExpiredV1 as ContractMapping,
  unitConsumedV1 as ContractMapping,
  unitStoredV1 as ContractMapping,
  unitShippedV1 as ContractMapping,
  unitCustodyTransferredV1 as ContractMapping,
  unitAllocatedToPatientV1 as ContractMapping,
  unitAllocationReleasedV1 as ContractMapping,
  unitTransfusionRecordedV1 as ContractMapping,
  unitWastedAtHospitalV1 as ContractMapping,
];
