/** What a site is, for the contexts that ship to it (distribution) and the people who administer it. */
export type { AllianceFacts, SiteFacts, SiteType } from '@hemotrace/kernel';
export { SITE_TYPES } from '@hemotrace/kernel';

export const siteStreamId = (siteId: string): string => `Site-${siteId}`;
export const allianceStreamId = (allianceId: string): string => `Alliance-${allianceId}`;

export const SITE_REGISTERED = 'SiteRegistered';
export const ALLIANCE_FORMED = 'AllianceFormed';

export type {
  SiteRegisteredContract,
  SiteChangedContract,
  SiteDeactivatedContract,
  SiteReactivatedContract,
  AllianceFormedContract,
  AllianceMemberJoinedContract,
  AllianceMemberLeftContract,
} from '../domain/sites.event-data';
