import type {
  SiteChangedContract,
  SiteDeactivatedContract,
  SiteReactivatedContract,
  SiteRegisteredContract,
} from '../sites.event-data';

export type SiteEvent =
  | { type: 'SiteRegistered'; data: SiteRegisteredContract }
  | { type: 'SiteChanged'; data: SiteChangedContract }
  | { type: 'SiteDeactivated'; data: SiteDeactivatedContract }
  | { type: 'SiteReactivated'; data: SiteReactivatedContract };

export const SITE_EVENT_TYPES: SiteEvent['type'][] = [
  'SiteRegistered',
  'SiteChanged',
  'SiteDeactivated',
  'SiteReactivated',
];
