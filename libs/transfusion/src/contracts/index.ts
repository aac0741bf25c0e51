export * from './transfusion.contracts';
export * from './transfusion-transmitted-infection-suspected.v1';
export * from './unit-allocated.v1';
export * from './unit-issued-to-ward.v1';
export * from './unit-returned-to-blood-bank.v1';
export * from './unit-transfused.v1';
export * from './unit-wasted.v1';
export { transfusionIntegrationContracts } from '../integration/transfusion.integration-contracts';
