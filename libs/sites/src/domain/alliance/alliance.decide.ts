import type { Decider } from '@hemotrace/event-sourcing';
import type { SiteFacts } from '@hemotrace/kernel';
import { changeFollowsTheRecord, effectiveTimeIsNotInTheFuture } from '../site/site.rules';
import {
  AllianceAlreadyFormed,
  AllianceNeedsTwoMembers,
  AllianceNotFound,
  AlreadyAMember,
  NotAMember,
} from './alliance.errors';
import type { AllianceEvent } from './alliance.events';
import { MINIMUM_MEMBERS, onlyActiveBloodCentersJoinAnAlliance } from './alliance.rules';
import type { AllianceState, FormedAlliance } from './alliance.state';
import { evolveAlliance } from './alliance.state';

interface Dated {
  at: string;
  now: string;
}

export interface FormAlliance extends Dated {
  type: 'FormAlliance';
  allianceId: string;
  name: string;
  /** Each member as its own Site stream knows it. */
  members: SiteFacts[];
}

export interface AddAllianceMember extends Dated {
  type: 'AddAllianceMember';
  allianceId: string;
  site: SiteFacts;
}

export interface RemoveAllianceMember extends Dated {
  type: 'RemoveAllianceMember';
  allianceId: string;
  siteId: string;
  reason: string;
}

export type AllianceCommand = FormAlliance | AddAllianceMember | RemoveAllianceMember;

const formed = (state: AllianceState, allianceId: string): FormedAlliance => {
  if (state.status === 'None') throw new AllianceNotFound(allianceId);
  return state;
};

export const formAlliance = (cmd: FormAlliance, state: AllianceState): AllianceEvent[] => {
  if (state.status !== 'None') throw new AllianceAlreadyFormed(cmd.allianceId);
  const members = [...new Set(cmd.members.map((m) => m.siteId))];
  if (members.length < MINIMUM_MEMBERS) {
    throw new AllianceNeedsTwoMembers(`An alliance has at least ${MINIMUM_MEMBERS} distinct members`, {
      members,
    });
  }
  for (const member of cmd.members) onlyActiveBloodCentersJoinAnAlliance(member);
  effectiveTimeIsNotInTheFuture('formedAt', cmd.at, cmd.now);
  return [
    {
      type: 'AllianceFormed',
      data: { allianceId: cmd.allianceId, name: cmd.name, members, formedAt: cmd.at },
    },
  ];
};

export const addAllianceMember = (cmd: AddAllianceMember, state: AllianceState): AllianceEvent[] => {
  const alliance = formed(state, cmd.allianceId);
  if (alliance.members.includes(cmd.site.siteId)) {
    throw new AlreadyAMember(`Site ${cmd.site.siteId} is already a member of ${alliance.allianceId}`, {
      allianceId: alliance.allianceId,
      siteId: cmd.site.siteId,
    });
  }
  onlyActiveBloodCentersJoinAnAlliance(cmd.site);
  effectiveTimeIsNotInTheFuture('joinedAt', cmd.at, cmd.now);
  changeFollowsTheRecord('joinedAt', cmd.at, alliance.lastChangedAt);
  return [
    {
      type: 'AllianceMemberJoined',
      data: { allianceId: alliance.allianceId, siteId: cmd.site.siteId, joinedAt: cmd.at },
    },
  ];
};

export const removeAllianceMember = (cmd: RemoveAllianceMember, state: AllianceState): AllianceEvent[] => {
  const alliance = formed(state, cmd.allianceId);
  if (!alliance.members.includes(cmd.siteId)) {
    throw new NotAMember(`Site ${cmd.siteId} is not a member of ${alliance.allianceId}`, {
      allianceId: alliance.allianceId,
      siteId: cmd.siteId,
    });
  }
  if (alliance.members.length <= MINIMUM_MEMBERS) {
    throw new AllianceNeedsTwoMembers(`An alliance keeps at least ${MINIMUM_MEMBERS} members`, {
      members: alliance.members,
    });
  }
  effectiveTimeIsNotInTheFuture('leftAt', cmd.at, cmd.now);
  changeFollowsTheRecord('leftAt', cmd.at, alliance.lastChangedAt);
  return [
    {
      type: 'AllianceMemberLeft',
      data: { allianceId: alliance.allianceId, siteId: cmd.siteId, reason: cmd.reason, leftAt: cmd.at },
    },
  ];
};

export const allianceDecider: Decider<AllianceCommand, AllianceEvent, AllianceState> = {
  initialState: { status: 'None' },
  decide: (cmd, state) => {
    switch (cmd.type) {
      case 'FormAlliance':
        return formAlliance(cmd, state);
      case 'AddAllianceMember':
        return addAllianceMember(cmd, state);
      case 'RemoveAllianceMember':
        return removeAllianceMember(cmd, state);
      default: {
        const unhandled: never = cmd;
        return unhandled;
      }
    }
  },
  evolve: evolveAlliance,
};

export const allianceFactsOf = (allianceId: string, state: AllianceState) =>
  state.status === 'None'
    ? { registered: false as const, allianceId }
    : { registered: true as const, allianceId, name: state.name, members: state.members };
