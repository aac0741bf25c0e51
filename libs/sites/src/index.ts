export * from './contracts/sites.contracts';
export { SitesModule } from './sites.module';
export { SiteDirectory } from './site-directory';
export { SiteQueries } from './read-models/site.queries';
export type { AllianceView, SiteView } from './read-models/sites.projection';
