/**
 * What traceability guarantees to others (stored event names and data, stable for 30 years).
 * One stream per investigation: `Investigation-<id>` (LB-… lookback, TB-… traceback, RC-… recall).
 */
export type {
  ConsigneeAcknowledged,
  ConsigneeNotified,
  DonorFlaggedForRecallTesting,
  InvestigationClosed,
  InvestigationEvent,
  InvestigationKind,
  LookbackOpened,
  RecallOpened,
  RecipientNotificationRecorded,
  TracebackOpened,
  UnitQuarantineRequested,
} from '../domain/investigation/investigation.events';
export { investigationStreamId } from '../domain/investigation/investigation.decide';
export { INVESTIGATION_PROFILES, investigationProfile } from '../domain/investigation/investigation.profiles';

export const LOOKBACK_OPENED = 'LookbackOpened';
export const TRACEBACK_OPENED = 'TracebackOpened';
export const RECALL_OPENED = 'RecallOpened';
/** components should quarantine the unit (reason RECALL) in reaction: integration contract traceability.UnitQuarantineRequested.v1. */
export const UNIT_QUARANTINE_REQUESTED = 'UnitQuarantineRequested';
export const DONOR_FLAGGED_FOR_RECALL_TESTING = 'DonorFlaggedForRecallTesting';
export const CONSIGNEE_NOTIFIED = 'ConsigneeNotified';
export const INVESTIGATION_CLOSED = 'InvestigationClosed';
