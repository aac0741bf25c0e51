/** What a site is, for the contexts that ship to it (distribution) and the people who administer it. */
export type SiteType = 'BLOOD_CENTER' | 'COLLECTION_SITE' | 'LABORATORY' | 'HOSPITAL';

export const SITE_TYPES: SiteType[] = ['BLOOD_CENTER', 'COLLECTION_SITE', 'LABORATORY', 'HOSPITAL'];

export const siteStreamId = (siteId: string): string => `Site-${siteId}`;
export const allianceStreamId = (allianceId: string): string => `Alliance-${allianceId}`;

export interface SiteRegisteredContract {
  siteId: string;
  name: string;
  siteType: SiteType;
  active: boolean;
  registeredAt: string;
}

export interface SiteChangedContract {
  siteId: string;
  name: string;
  siteType: SiteType;
  changedAt: string;
}

export interface SiteDeactivatedContract {
  siteId: string;
  reason: string;
  deactivatedAt: string;
}

export interface SiteReactivatedContract {
  siteId: string;
  reason: string;
  reactivatedAt: string;
}

export interface AllianceFormedContract {
  allianceId: string;
  name: string;
  members: string[];
  formedAt: string;
}

export interface AllianceMemberJoinedContract {
  allianceId: string;
  siteId: string;
  joinedAt: string;
}

export interface AllianceMemberLeftContract {
  allianceId: string;
  siteId: string;
  reason: string;
  leftAt: string;
}

/** A site as its own stream knows it now: what distribution checks a consignee against. */
export type SiteFacts =
  | { registered: false; siteId: string }
  | { registered: true; siteId: string; name: string; siteType: SiteType; active: boolean };

/** An alliance as its own stream knows it now: its current members. */
export type AllianceFacts =
  | { registered: false; allianceId: string }
  | { registered: true; allianceId: string; name: string; members: string[] };
