import type { SiteType } from '@hemotrace/kernel';

/**
 * The stored data of the sites context's events, owned by its domain (the `*Contract` names are
 * kept for the code that already uses them); contracts/ re-exports what other contexts read.
 */
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
