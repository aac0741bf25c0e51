/* The context's public surface: its Nest module and the tokens its users inject (with the types of their
 * answers). Contracts: @hemotrace/sites/contracts. */
export { SitesModule } from './sites.module';
export { SiteDirectory } from './site-directory';
