import type { Antigen, BloodGroup } from '@hemotrace/kernel';
import type { HistoricalGroupRecordedV2 } from './patient.upcasters';

export type AntibodyScreen = 'NEGATIVE' | 'POSITIVE';
export type FeeRelationship = 'SELF' | 'SPOUSE' | 'PARENT' | 'CHILD';

/** Traceability facts about a patient; no name, birth date or record number (those are in PatientIdentity). */
/** The legal grounds on which a patient's identity is erased. */
export type PatientErasureLegalBasis = 'GDPR_ART_17' | 'PATIENT_REQUEST' | 'COURT_ORDER' | 'PIPL_ART_47';
export const PATIENT_ERASURE_LEGAL_BASES: readonly PatientErasureLegalBasis[] = [
  'GDPR_ART_17',
  'PATIENT_REQUEST',
  'COURT_ORDER',
  'PIPL_ART_47',
];

export type PatientEvent =
  | { type: 'PatientRegistered'; data: { patientId: string; hospitalSiteId: string; registeredAt: string } }
  | {
      /** The identity key was destroyed; no personal data here, the reason is a legal reference. */
      type: 'PatientPersonalDataErased';
      data: { patientId: string; legalBasis: PatientErasureLegalBasis; reason: string; erasedAt: string };
    }
  | {
      type: 'PatientSampleTyped';
      data: {
        patientId: string;
        sampleId: string;
        collectedAt: string;
        bloodGroup: BloodGroup;
        antibodyScreen: AntibodyScreen;
        validUntil: string;
        testedAt: string;
      };
    }
  | {
      type: 'AntibodiesIdentified';
      data: {
        patientId: string;
        sampleId: string;
        antibodies: string[];
        antigensToAvoid: Antigen[];
        identifiedAt: string;
      };
    }
  /** Schema version 2 (patient.upcasters.ts reads version 1). */
  | { type: 'HistoricalGroupRecorded'; data: HistoricalGroupRecordedV2 }
  | {
      type: 'BloodFeeExemptionAssessed';
      data: {
        patientId: string;
        donorId: string;
        relationship: FeeRelationship;
        donatedVolumeMl: number;
        donationCount: number;
        lifetime: boolean;
        /** Null when lifetime: no volume limit. */
        eligibleVolumeMl: number | null;
        rule: string;
        profileId: string;
        assessedAt: string;
      };
    };
