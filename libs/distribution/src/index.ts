export * from './contracts';
export { DistributionModule } from './distribution.module';
export { ShipmentQueries } from './read-models/shipment.queries';
export type { PartnerTransfers, TransferTotals } from './read-models/shipment.queries';
export type { ShipmentView, ShipmentUnitView } from './read-models/shipments.projection';
