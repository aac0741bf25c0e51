export * from './collection.contracts';
export * from './donation-completed.v1';
export { collectionIntegrationContracts } from '../integration/collection.integration-contracts';
