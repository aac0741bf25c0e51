/** Read-model collections of the donors context. */
export const DONOR_DOCUMENTS = 'donor_documents';
export const DONOR_IDENTITIES = 'donor_identities';
export const DONOR_PROFILES = 'donor_profiles';
export const DONOR_DEFERRALS = 'donor_deferrals';
export const DONOR_DEFERRAL_REASONS = 'donor_deferral_reasons';
export const DONOR_HISTORY = 'donor_donation_history';
export const DONOR_TYPINGS = 'donor_typings';

/** Where a permanent deferral "ends", so that "in force on a date" is one range filter. */
export const NEVER = '9999-12-31T23:59:59.999Z';
