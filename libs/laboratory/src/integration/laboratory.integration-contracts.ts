import type { ContractMapping } from '@hemotrace/messaging';
import { donationQualifiedV1 } from '../contracts/donation-qualified.v1';
import { donationRejectedV1 } from '../contracts/donation-rejected.v1';
import { donorConfirmedPositiveV1 } from '../contracts/donor-confirmed-positive.v1';
import { markerTestedV1 } from '../contracts/marker-tested.v1';

/**
 * What the laboratory publishes for other contexts (`laboratory.<Fact>.v1`): the conclusion that
 * releases or discards the donation's units, a confirmed infection (donor deferral, lookback), and
 * the reagent lot and instrument each screening test used (recall by lot or equipment).
 * Nothing else leaves the context.
 */
export const laboratoryIntegrationContracts: ContractMapping[] = [
  donationQualifiedV1 as ContractMapping,
  donationRejectedV1 as ContractMapping,
  donorConfirmedPositiveV1 as ContractMapping,
  markerTestedV1 as ContractMapping,
];
