/**
 * The stored data of the transfusion context's events, owned by its domain (the `*Contract` names are
 * kept for the code that already uses them); contracts/ maps what leaves the context.
 */
import type { LateEntry } from '@hemotrace/kernel';
export type RequestedProduct = 'RED_CELLS' | 'PLASMA' | 'PLATELETS' | 'CRYO';
export type CrossmatchMethod = 'SEROLOGICAL' | 'ELECTRONIC';

/** A crossmatch of one unit for one request; only COMPATIBLE units can be allocated. */
export interface CrossmatchPerformedContract {
  requestId: string;
  patientId: string;
  hospitalSiteId: string;
  unitId: string;
  din: string;
  productCode: string;
  method: CrossmatchMethod;
  result: 'COMPATIBLE' | 'INCOMPATIBLE';
  sampleId: string;
  /** The crossmatch holds only while its sample is valid; issue after this needs a new crossmatch. */
  sampleValidUntil: string;
  performedAt: string;
  /** Entered later than the profile's threshold: why, and how long after the fact. */
  lateEntry?: LateEntry;
}

/** Group O red cells released uncrossmatched; the override (who, why, when, which checks were waived) is kept. */
export interface EmergencyReleaseAuthorizedContract {
  requestId: string;
  patientId: string;
  hospitalSiteId: string;
  unitId: string;
  din: string;
  productCode: string;
  authorizedBy: string;
  reason: string;
  waivedChecks: string[];
  authorizedAt: string;
}

/** A unit allocated to a request (the fields other contexts rely on; the stored event carries more). */
export interface UnitAllocatedContract {
  requestId: string;
  patientId: string;
  hospitalSiteId: string;
  unitId: string;
  din: string;
  productCode: string;
  allocatedAt: string;
}

/** The unit left the hospital blood bank for the ward. `crossmatched` false only after an emergency release. */
export interface UnitIssuedToWardContract {
  requestId: string;
  patientId: string;
  hospitalSiteId: string;
  unitId: string;
  din: string;
  productCode: string;
  ward: string;
  crossmatched: boolean;
  emergencyRelease: boolean;
  issuedAt: string;
  /** Entered later than the profile's threshold: why, and how long after the fact. */
  lateEntry?: LateEntry;
}

export interface BedsideCheckPassedContract {
  requestId: string;
  patientId: string;
  hospitalSiteId: string;
  unitId: string;
  din: string;
  productCode: string;
  checkedAt: string;
  /** Entered later than the profile's threshold: why, and how long after the fact. */
  lateEntry?: LateEntry;
}

/** A refused bedside check is itself a safety event: it is recorded even though the transfusion is refused. */
export interface BedsideCheckFailedContract {
  requestId: string;
  expectedPatientId: string;
  scannedPatientId: string;
  hospitalSiteId: string;
  scannedUnitId: string;
  scannedDin: string;
  scannedProductCode: string;
  reasons: ('PATIENT_MISMATCH' | 'UNIT_NOT_ISSUED_FOR_THIS_REQUEST')[];
  checkedAt: string;
  /** Entered later than the profile's threshold: why, and how long after the fact. */
  lateEntry?: LateEntry;
}

export interface UnitTransfusedContract {
  requestId: string;
  patientId: string;
  hospitalSiteId: string;
  unitId: string;
  din: string;
  productCode: string;
  startedAt: string;
  endedAt: string;
  volumeMl: number;
  /** Entered later than the profile's threshold: why, and how long after the fact. */
  lateEntry?: LateEntry;
}

export type ReactionCategory =
  | 'AHTR'
  | 'DHTR'
  | 'FNHTR'
  | 'ALLERGIC'
  | 'ANAPHYLACTIC'
  | 'TRALI'
  | 'TACO'
  | 'TAD'
  | 'HYPOTENSIVE'
  | 'TTI'
  | 'OTHER';

/** ISBT severity: 1 non-severe, 2 severe, 3 life-threatening, 4 death. */
export type SeverityGrade = 1 | 2 | 3 | 4;

/** EU imputability (Directive 2005/61/EC annex II): NA not assessable, 0 excluded/unlikely, 1 possible, 2 likely, 3 certain. */
export type Imputability = 'NA' | '0' | '1' | '2' | '3';

export interface AdverseReactionReportedContract {
  reactionId: string;
  requestId: string;
  patientId: string;
  hospitalSiteId: string;
  unitIds: string[];
  dins: string[];
  category: ReactionCategory;
  onsetAt: string;
  /** Minutes from the start of the earliest implicated transfusion. */
  onsetMinutesAfterStart: number;
  severity: SeverityGrade;
  imputability: Imputability;
  serious: boolean;
  reportableToRegulator: boolean;
  description: string;
  reportedAt: string;
}

/** Starts the recipient-side traceback (traceability context): every donor behind these units. */
export interface TransfusionTransmittedInfectionSuspectedContract {
  reactionId: string;
  requestId: string;
  patientId: string;
  hospitalSiteId: string;
  unitIds: string[];
  dins: string[];
  suspectedAgent?: string;
  reportedAt: string;
}

export interface UnitReturnedToBloodBankContract {
  requestId: string;
  hospitalSiteId: string;
  unitId: string;
  minutesOutOfStorage: number;
  temperatureC: number;
  returnedAt: string;
  lateEntry?: LateEntry;
}

export interface UnitWastedContract {
  requestId: string;
  hospitalSiteId: string;
  unitId: string;
  reason: string;
  wastedAt: string;
  lateEntry?: LateEntry;
}
