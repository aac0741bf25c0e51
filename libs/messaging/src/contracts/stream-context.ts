import type { BoundedContextName } from './integration-event';

/** The category of a stream id: the part before the first '-' (`DonationTesting-<DIN>` -> `DonationTesting`). */
export const streamCategory = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
};

/**
 * Personal data (donor and patient identity) lives in `<X>Identity-<id>` streams kept apart from
 * traceability (ARCHITECTURE.md, personal data); those streams never leave the process. So do the
 * `DonorDocument-<hash>` reservations: a hash of a short identity number can be reversed.
 */
export const isPersonalDataCategory = (category: string): boolean =>
  category.endsWith('Identity') || category === 'DonorDocument';

/** Stream families the system keeps about itself (failed reactions); they never leave the process. */
export const SYSTEM_STREAM_CATEGORIES: readonly string[] = ['ReactionFailure'];

export const isSystemCategory = (category: string): boolean => SYSTEM_STREAM_CATEGORIES.includes(category);

/** Which context owns which stream category; contexts may add theirs through the registry. */
export const DEFAULT_STREAM_CATEGORIES: Readonly<Record<string, BoundedContextName>> = {
  Donor: 'donors',
  DonorIdentity: 'donors',
  Donation: 'collection',
  DonationTesting: 'laboratory',
  Unit: 'components',
  Pool: 'components',
  Equipment: 'components',
  Shipment: 'distribution',
  Transfer: 'distribution',
  Patient: 'transfusion',
  PatientIdentity: 'transfusion',
  Transfusion: 'transfusion',
  TransfusionRequest: 'transfusion',
  BloodRequest: 'transfusion',
  Crossmatch: 'transfusion',
  Investigation: 'traceability',
  Lookback: 'traceability',
  Recall: 'traceability',
};
