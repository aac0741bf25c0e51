import type { ContractMapping } from '@hemotrace/messaging';
import { donationQualifiedV1 } from '../contracts/donation-qualified.v1';
import { donationRejectedV1 } from '../contracts/donation-rejected.v1';
import { donorConfirmedPositiveV1 } from '../contracts/donor-confirmed-positive.v1';

/**
 * What the laboratory publishes for other contexts (`laboratory.<Fact>.v1`): the conclusion that
 * releases or discards the donation's units, and a confirmed infection (donor deferral, lookback).
 * Nothing else leaves the context.
 */
export const laboratoryIntegrationContracts: ContractMapping[] = [
  donationQualifiedV1 as ContractMapping,
  donationRejectedV1 as ContractMapping,
  donorConfirmedPositiveV1 as ContractMapping,
];
