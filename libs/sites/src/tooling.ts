/* For tools that drive the context from outside its module (apps/cli, bench, test); no lib imports it. */
export { siteDecider, siteFactsOf } from './domain/site/site.decide';
export type { SiteCommand } from './domain/site/site.decide';
export { allianceDecider, allianceFactsOf } from './domain/alliance/alliance.decide';
export type { AllianceCommand } from './domain/alliance/alliance.decide';
