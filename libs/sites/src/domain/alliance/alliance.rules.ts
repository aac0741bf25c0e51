import type { SiteFacts } from '@hemotrace/kernel';
import { MemberInactive, MemberNotABloodCenter, MemberNotRegistered } from './alliance.errors';

/** An emergency supply alliance binds at least two parties, or there is no one to supply. */
export const MINIMUM_MEMBERS = 2;

/**
 * Regional emergency supply agreements are signed between blood establishments: a member is a
 * registered, active blood center (a hospital receives through its supplying center).
 */
export const onlyActiveBloodCentersJoinAnAlliance = (site: SiteFacts): void => {
  if (!site.registered) {
    throw new MemberNotRegistered(`Site ${site.siteId} is not registered`, { siteId: site.siteId });
  }
  if (site.siteType !== 'BLOOD_CENTER') {
    throw new MemberNotABloodCenter(`Site ${site.siteId} is a ${site.siteType}, not a blood center`, {
      siteId: site.siteId,
      siteType: site.siteType,
    });
  }
  if (!site.active) throw new MemberInactive(`Site ${site.siteId} is inactive`, { siteId: site.siteId });
};
