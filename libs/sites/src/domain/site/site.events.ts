import type {
  SiteChangedContract,
  SiteDeactivatedContract,
  SiteReactivatedContract,
  SiteRegisteredContract,
} from '../../contracts/sites.contracts';

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
