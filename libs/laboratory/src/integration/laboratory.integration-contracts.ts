import type { ContractMapping } from '@hemotrace/messaging';
import { asStoredContract } from '@hemotrace/messaging';
import {
  DONATION_QUALIFIED,
  DONATION_REJECTED,
  DONOR_CONFIRMED_POSITIVE,
} from '../contracts/laboratory.contracts';

/**
 * What the laboratory publishes for other contexts (`laboratory.<Fact>.v1`): the conclusion that
 * releases or discards the donation's units, and a confirmed infection (donor deferral, lookback).
 */
export const laboratoryIntegrationContracts: ContractMapping[] = [
  asStoredContract('laboratory', DONATION_QUALIFIED),
  asStoredContract('laboratory', DONATION_REJECTED),
  asStoredContract('laboratory', DONOR_CONFIRMED_POSITIVE),
];
