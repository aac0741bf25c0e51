/** Transfusion-transmissible infection markers screened on every donation: laboratory, donors and traceability speak of them. */
export type Marker = 'HIV' | 'HBV' | 'HCV' | 'SYPHILIS' | 'ALT';

export const MARKERS: readonly Marker[] = ['HIV', 'HBV', 'HCV', 'SYPHILIS', 'ALT'];
