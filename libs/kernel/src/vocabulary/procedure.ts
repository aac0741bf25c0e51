/** How blood is taken: shared by donors (intervals, eligibility) and collection (the donation itself). */
export type Procedure = 'WHOLE_BLOOD' | 'APHERESIS_PLATELETS' | 'APHERESIS_PLASMA';

export const PROCEDURES: readonly Procedure[] = ['WHOLE_BLOOD', 'APHERESIS_PLATELETS', 'APHERESIS_PLASMA'];
