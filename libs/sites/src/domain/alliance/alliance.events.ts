import type {
  AllianceFormedContract,
  AllianceMemberJoinedContract,
  AllianceMemberLeftContract,
} from '../sites.event-data';

export type AllianceEvent =
  | { type: 'AllianceFormed'; data: AllianceFormedContract }
  | { type: 'AllianceMemberJoined'; data: AllianceMemberJoinedContract }
  | { type: 'AllianceMemberLeft'; data: AllianceMemberLeftContract };

export const ALLIANCE_EVENT_TYPES: AllianceEvent['type'][] = [
  'AllianceFormed',
  'AllianceMemberJoined',
  'AllianceMemberLeft',
];
