/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { shipmentDecider } from './domain/shipment/shipment.decide';
export type { ShipmentCommand } from './domain/shipment/shipment.decide';
export type { PackableUnit } from './domain/shipment/shipment.rules';
export { distributionProfileFor } from './domain/shipment/distribution.profile';
