import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import type { SiteFacts, SiteType } from '@hemotrace/kernel';
import type { AllianceCommand } from './alliance.decide';
import { allianceDecider } from './alliance.decide';
import {
  AllianceAlreadyFormed,
  AllianceNeedsTwoMembers,
  AllianceNotFound,
  AlreadyAMember,
  MemberInactive,
  MemberNotABloodCenter,
  MemberNotRegistered,
  NotAMember,
} from './alliance.errors';
import type { AllianceEvent } from './alliance.events';

const given = DeciderSpecification.for(allianceDecider);
const SIGNED = '2023-09-01T00:00:00.000Z';
const NOW = '2025-03-01T10:00:00.000Z';

const center = (siteId: string, siteType: SiteType = 'BLOOD_CENTER', active = true): SiteFacts => ({
  registered: true,
  siteId,
  name: siteId,
  siteType,
  active,
});
const form = (members: SiteFacts[]): AllianceCommand => ({
  type: 'FormAlliance',
  allianceId: 'CITY-4',
  name: 'Four-city alliance',
  members,
  at: SIGNED,
  now: NOW,
});
const formed: AllianceEvent = {
  type: 'AllianceFormed',
  data: { allianceId: 'CITY-4', name: 'Four-city alliance', members: ['BC-1', 'BC-2'], formedAt: SIGNED },
};
const join = (site: SiteFacts): AllianceCommand => ({
  type: 'AddAllianceMember',
  allianceId: 'CITY-4',
  site,
  at: NOW,
  now: NOW,
});
const joined: AllianceEvent = {
  type: 'AllianceMemberJoined',
  data: { allianceId: 'CITY-4', siteId: 'BC-3', joinedAt: NOW },
};
const leave = (siteId: string): AllianceCommand => ({
  type: 'RemoveAllianceMember',
  allianceId: 'CITY-4',
  siteId,
  reason: 'Left the agreement',
  at: NOW,
  now: NOW,
});

describe('forming an alliance', () => {
  it('records the alliance of registered, active blood centers, dated when it was signed', () => {
    given([])
      .when(form([center('BC-1'), center('BC-2')]))
      .then([formed]);
  });

  it('refuses fewer than two distinct members and a second formation', () => {
    given([])
      .when(form([center('BC-1'), center('BC-1')]))
      .thenThrows(AllianceNeedsTwoMembers, 'SITES.ALLIANCE_NEEDS_TWO_MEMBERS');
    given([formed])
      .when(form([center('BC-1'), center('BC-2')]))
      .thenThrows(AllianceAlreadyFormed, 'SITES.ALLIANCE_ALREADY_FORMED');
  });

  it('refuses a member that is unregistered, not a blood center, or inactive', () => {
    given([])
      .when(form([center('BC-1'), { registered: false, siteId: 'BC-9' }]))
      .thenThrows(MemberNotRegistered, 'SITES.MEMBER_NOT_REGISTERED');
    given([])
      .when(form([center('BC-1'), center('HOSP-1', 'HOSPITAL')]))
      .thenThrows(MemberNotABloodCenter, 'SITES.MEMBER_NOT_A_BLOOD_CENTER');
    given([])
      .when(form([center('BC-1'), center('BC-2', 'BLOOD_CENTER', false)]))
      .thenThrows(MemberInactive, 'SITES.SITE_INACTIVE');
  });
});

describe('members joining and leaving', () => {
  it('adds a blood center and removes one while two remain', () => {
    given([formed])
      .when(join(center('BC-3')))
      .then([joined]);
    given([formed, joined])
      .when(leave('BC-1'))
      .then([
        {
          type: 'AllianceMemberLeft',
          data: { allianceId: 'CITY-4', siteId: 'BC-1', reason: 'Left the agreement', leftAt: NOW },
        },
      ]);
  });

  it('refuses a member twice, a non-member leaving, the last two parting, and an unknown alliance', () => {
    given([formed])
      .when(join(center('BC-2')))
      .thenThrows(AlreadyAMember, 'SITES.ALREADY_A_MEMBER');
    given([formed]).when(leave('BC-7')).thenThrows(NotAMember, 'SITES.NOT_A_MEMBER');
    given([formed])
      .when(leave('BC-2'))
      .thenThrows(AllianceNeedsTwoMembers, 'SITES.ALLIANCE_NEEDS_TWO_MEMBERS');
    given([])
      .when(join(center('BC-3')))
      .thenThrows(AllianceNotFound, 'SITES.ALLIANCE_NOT_FOUND');
  });
});
