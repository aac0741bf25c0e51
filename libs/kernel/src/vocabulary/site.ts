/**
 * Sites as every context names them, and what a command that depends on a site or an alliance
 * knows of it: gathered from the site's or the alliance's own stream by the handler, never from
 * a projection (the sites context owns those streams).
 */
export type SiteType = 'BLOOD_CENTER' | 'COLLECTION_SITE' | 'LABORATORY' | 'HOSPITAL';

export const SITE_TYPES: SiteType[] = ['BLOOD_CENTER', 'COLLECTION_SITE', 'LABORATORY', 'HOSPITAL'];

/** A site as its own stream knows it now. */
export type SiteFacts =
  | { registered: false; siteId: string }
  | { registered: true; siteId: string; name: string; siteType: SiteType; active: boolean };

/** An alliance as its own stream knows it now: its current members. */
export type AllianceFacts =
  | { registered: false; allianceId: string }
  | { registered: true; allianceId: string; name: string; members: string[] };
