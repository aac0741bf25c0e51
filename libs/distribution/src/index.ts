/* The context's public surface: its Nest module and the tokens its users inject (with the types of their
 * answers). Contracts: @hemotrace/distribution/contracts. */
export { DistributionModule } from './distribution.module';
