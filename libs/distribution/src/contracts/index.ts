export * from './distribution.contracts';
export * from './shipment-dispatched.v1';
export * from './shipment-received.v1';
export * from './unit-packed.v1';
export * from './unit-returned.v1';
export { distributionIntegrationContracts } from '../integration/distribution.integration-contracts';
