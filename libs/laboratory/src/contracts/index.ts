export * from './laboratory.contracts';
export * from './donation-qualified.v1';
export * from './donation-rejected.v1';
export * from './donor-confirmed-positive.v1';
export * from './marker-tested.v1';
export { laboratoryIntegrationContracts } from '../integration/laboratory.integration-contracts';
