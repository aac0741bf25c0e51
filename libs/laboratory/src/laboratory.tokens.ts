/** The active laboratory profile (CN 2019 by default), resolved once from the regulatory profile id. */
export const LABORATORY_PROFILE = Symbol('LaboratoryProfile');
