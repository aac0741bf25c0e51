import type { AllianceEvent } from './alliance.events';

export interface FormedAlliance {
  status: 'Formed';
  allianceId: string;
  name: string;
  members: string[];
  formedAt: string;
  lastChangedAt: string;
}

export type AllianceState = { status: 'None' } | FormedAlliance;

export const evolveAlliance = (state: AllianceState, event: AllianceEvent): AllianceState => {
  if (event.type === 'AllianceFormed') {
    const { allianceId, name, members, formedAt } = event.data;
    return { status: 'Formed', allianceId, name, members, formedAt, lastChangedAt: formedAt };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'AllianceMemberJoined':
      return {
        ...state,
        members: [...state.members, event.data.siteId],
        lastChangedAt: event.data.joinedAt,
      };
    case 'AllianceMemberLeft':
      return {
        ...state,
        members: state.members.filter((m) => m !== event.data.siteId),
        lastChangedAt: event.data.leftAt,
      };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};
