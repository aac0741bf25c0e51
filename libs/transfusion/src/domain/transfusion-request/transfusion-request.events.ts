import type { Antigen, LateEntry } from '@hemotrace/kernel';
import type {
  AdverseReactionReportedContract,
  BedsideCheckFailedContract,
  BedsideCheckPassedContract,
  CrossmatchPerformedContract,
  EmergencyReleaseAuthorizedContract,
  RequestedProduct,
  TransfusionTransmittedInfectionSuspectedContract,
  UnitIssuedToWardContract,
  UnitReturnedToBloodBankContract,
  UnitTransfusedContract,
  UnitWastedContract,
} from './transfusion-request.event-data';

export type Urgency = 'ROUTINE' | 'URGENT' | 'EMERGENCY';
export type AllocationBasis = 'CROSSMATCH' | 'EMERGENCY_RELEASE';

export interface VitalSigns {
  temperatureC: number;
  pulsePerMin: number;
  systolicMmHg: number;
  diastolicMmHg: number;
  respiratoryRatePerMin?: number;
  spo2Percent?: number;
}

export interface RequestedRequirements {
  irradiated: boolean;
  leukoreduced: boolean;
  /** Named by the requesting doctor. */
  antigenNegative: Antigen[];
  /** Added from the patient's identified antibodies at the time of the request. */
  derivedAntigenNegative: Antigen[];
}

export type TransfusionRequestEvent =
  | {
      type: 'TransfusionRequested';
      data: {
        requestId: string;
        patientId: string;
        hospitalSiteId: string;
        product: RequestedProduct;
        quantity: number;
        urgency: Urgency;
        requirements: RequestedRequirements;
        indication: string;
        requestedBy: string;
        requestedAt: string;
        lateEntry?: LateEntry;
      };
    }
  | { type: 'CrossmatchPerformed'; data: CrossmatchPerformedContract }
  | { type: 'EmergencyReleaseAuthorized'; data: EmergencyReleaseAuthorizedContract }
  | {
      type: 'UnitAllocated';
      data: {
        requestId: string;
        patientId: string;
        hospitalSiteId: string;
        unitId: string;
        din: string;
        productCode: string;
        expiresAt: string;
        basis: AllocationBasis;
        /** Crossmatch basis: when the crossmatch sample stops being valid. */
        sampleValidUntil: string | null;
        allocatedAt: string;
      };
    }
  | { type: 'UnitIssuedToWard'; data: UnitIssuedToWardContract }
  | { type: 'BedsideCheckPassed'; data: BedsideCheckPassedContract }
  | { type: 'BedsideCheckFailed'; data: BedsideCheckFailedContract }
  | {
      type: 'TransfusionStarted';
      data: {
        requestId: string;
        patientId: string;
        unitId: string;
        din: string;
        startedAt: string;
        vitals: VitalSigns;
        lateEntry?: LateEntry;
      };
    }
  | {
      type: 'VitalSignsRecorded';
      data: {
        requestId: string;
        unitId: string;
        vitals: VitalSigns;
        measuredAt: string;
        lateEntry?: LateEntry;
      };
    }
  | { type: 'UnitTransfused'; data: UnitTransfusedContract }
  | { type: 'AdverseReactionReported'; data: AdverseReactionReportedContract }
  | {
      type: 'TransfusionTransmittedInfectionSuspected';
      data: TransfusionTransmittedInfectionSuspectedContract;
    }
  | { type: 'UnitReturnedToBloodBank'; data: UnitReturnedToBloodBankContract }
  | { type: 'UnitWasted'; data: UnitWastedContract };
