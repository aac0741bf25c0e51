import type { BloodGroup, Phenotype } from '@hemotrace/kernel';
import type { DiscardUnit, QualifyUnit } from './unit.decide';
import type { UnitCause } from './unit.event-data';

/** What the laboratory concluded about a donation, as components hears it. */
export type LaboratoryConclusion =
  | { outcome: 'QUALIFIED'; bloodGroup: BloodGroup; phenotype?: Phenotype; cause: UnitCause }
  | { outcome: 'REJECTED'; reactiveMarkers: readonly string[]; cause: UnitCause };

/**
 * The laboratory's conclusion decides every unit of the donation: qualified -> qualified with its
 * group (released unless a hold is open), rejected -> discarded with the reactive markers. One
 * rule for the live reaction and for the demo that plans it.
 */
export const unitCommandOnConclusion = (
  conclusion: LaboratoryConclusion,
  at: string,
): QualifyUnit | DiscardUnit =>
  conclusion.outcome === 'QUALIFIED'
    ? {
        type: 'QualifyUnit',
        bloodGroup: conclusion.bloodGroup,
        ...(conclusion.phenotype ? { phenotype: conclusion.phenotype } : {}),
        cause: conclusion.cause,
        at,
      }
    : {
        type: 'DiscardUnit',
        reason: 'DONATION_REJECTED',
        note: conclusion.reactiveMarkers.join(','),
        cause: conclusion.cause,
        automatic: true,
        at,
      };
