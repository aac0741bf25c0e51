import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { Antigen, BloodGroup } from '@hemotrace/kernel';
import type { PatientEvent } from '../domain/patient/patient.events';
import type {
  PatientIdentityEvent,
  PatientPersonalData,
  SealedPatientPersonalData,
} from '../domain/patient-identity/patient-identity.events';
import { isLegacyPlaintextPatientIdentity } from '../domain/patient-identity/patient-identity.events';
import type { TransfusionRequestEvent } from '../domain/transfusion-request/transfusion-request.events';

export const PATIENT_RECORDS = 'transfusion_patient_records';
export const PATIENT_IDENTITIES = 'transfusion_patient_identities';
export const REQUESTS = 'transfusion_requests';
export const WARD_ISSUES = 'transfusion_ward_issues';

/** A patient's transfusion record: no identity here, only the patient id and hospital. */
export interface PatientRecordView {
  patientId: string;
  hospitalSiteId: string;
  registeredAt: string;
  samples: {
    sampleId: string;
    collectedAt: string;
    validUntil: string;
    bloodGroup: BloodGroup;
    antibodyScreen: string;
  }[];
  historicalGroups: BloodGroup[];
  antibodies: string[];
  antigensToAvoid: Antigen[];
  requests: { requestId: string; product: string; quantity: number; urgency: string; requestedAt: string }[];
  crossmatches: { requestId: string; unitId: string; method: string; result: string; performedAt: string }[];
  emergencyReleases: {
    requestId: string;
    unitId: string;
    authorizedBy: string;
    reason: string;
    waivedChecks: string[];
    authorizedAt: string;
  }[];
  transfusions: {
    requestId: string;
    unitId: string;
    din: string;
    startedAt: string;
    endedAt: string;
    volumeMl: number;
  }[];
  bedsideCheckFailures: {
    requestId: string;
    scannedUnitId: string;
    scannedPatientId: string;
    reasons: string[];
    checkedAt: string;
  }[];
  reactions: {
    reactionId: string;
    requestId: string;
    category: string;
    severity: number;
    imputability: string;
    serious: boolean;
    onsetAt: string;
  }[];
  feeExemptions: {
    donorId: string;
    relationship: string;
    lifetime: boolean;
    eligibleVolumeMl: number | null;
    assessedAt: string;
  }[];
}

/**
 * What the log keeps: the ciphertext (opened by the query with the patient's key), a legacy
 * plaintext identity (its `mrn` also answers the pre-reservation duplicate check), or after an
 * erasure only the fact and its time.
 */
export type PatientIdentityDoc = { patientId: string; hospitalSiteId: string } & (
  | { sealed: SealedPatientPersonalData }
  | { mrn: string; legacy: PatientPersonalData }
  | { erased: true; erasedAt: string }
);

export type PatientIdentityView = { patientId: string; hospitalSiteId: string } & (
  (PatientPersonalData & { erased: false; legacyPlaintext?: true }) | { erased: true; erasedAt: string }
);

export interface WardIssueView {
  id: string;
  hospitalSiteId: string;
  ward: string;
  requestId: string;
  patientId: string;
  unitId: string;
  din: string;
  crossmatched: boolean;
  emergencyRelease: boolean;
  issuedAt: string;
  status: 'ISSUED' | 'BEDSIDE_VERIFIED' | 'IN_PROGRESS' | 'TRANSFUSED' | 'RETURNED' | 'WASTED';
}

const record = async (
  tx: DocumentWriter,
  patientId: string,
  change: (r: PatientRecordView) => Partial<PatientRecordView>,
): Promise<void> => {
  const current = await tx.get<PatientRecordView>(PATIENT_RECORDS, patientId);
  if (current) tx.put(PATIENT_RECORDS, patientId, { ...current, ...change(current) });
};

const wardIssue = async (
  tx: DocumentWriter,
  requestId: string,
  unitId: string,
  status: WardIssueView['status'],
) => {
  const id = `${requestId}:${unitId}`;
  const current = await tx.get<WardIssueView>(WARD_ISSUES, id);
  if (current) tx.put(WARD_ISSUES, id, { ...current, status });
};

const applyPatient = async (event: PatientEvent, tx: DocumentWriter): Promise<void> => {
  switch (event.type) {
    case 'PatientRegistered':
      tx.put<PatientRecordView>(PATIENT_RECORDS, event.data.patientId, {
        patientId: event.data.patientId,
        hospitalSiteId: event.data.hospitalSiteId,
        registeredAt: event.data.registeredAt,
        samples: [],
        historicalGroups: [],
        antibodies: [],
        antigensToAvoid: [],
        requests: [],
        crossmatches: [],
        emergencyReleases: [],
        transfusions: [],
        bedsideCheckFailures: [],
        reactions: [],
        feeExemptions: [],
      });
      return;
    case 'PatientSampleTyped': {
      const d = event.data;
      return record(tx, d.patientId, (r) => ({
        samples: [
          ...r.samples,
          {
            sampleId: d.sampleId,
            collectedAt: d.collectedAt,
            validUntil: d.validUntil,
            bloodGroup: d.bloodGroup,
            antibodyScreen: d.antibodyScreen,
          },
        ],
      }));
    }
    case 'AntibodiesIdentified':
      return record(tx, event.data.patientId, (r) => ({
        antibodies: [...new Set([...r.antibodies, ...event.data.antibodies])],
        antigensToAvoid: [...new Set([...r.antigensToAvoid, ...event.data.antigensToAvoid])],
      }));
    case 'HistoricalGroupRecorded':
      return record(tx, event.data.patientId, (r) => ({
        historicalGroups: [...r.historicalGroups, event.data.bloodGroup],
      }));
    case 'BloodFeeExemptionAssessed': {
      const d = event.data;
      return record(tx, d.patientId, (r) => ({
        feeExemptions: [
          ...r.feeExemptions,
          {
            donorId: d.donorId,
            relationship: d.relationship,
            lifetime: d.lifetime,
            eligibleVolumeMl: d.eligibleVolumeMl,
            assessedAt: d.assessedAt,
          },
        ],
      }));
    }
  }
};

const applyRequest = async (event: TransfusionRequestEvent, tx: DocumentWriter): Promise<void> => {
  switch (event.type) {
    case 'TransfusionRequested': {
      const d = event.data;
      tx.put(REQUESTS, d.requestId, {
        requestId: d.requestId,
        patientId: d.patientId,
        hospitalSiteId: d.hospitalSiteId,
      });
      return record(tx, d.patientId, (r) => ({
        requests: [
          ...r.requests,
          {
            requestId: d.requestId,
            product: d.product,
            quantity: d.quantity,
            urgency: d.urgency,
            requestedAt: d.requestedAt,
          },
        ],
      }));
    }
    case 'CrossmatchPerformed': {
      const d = event.data;
      return record(tx, d.patientId, (r) => ({
        crossmatches: [
          ...r.crossmatches,
          {
            requestId: d.requestId,
            unitId: d.unitId,
            method: d.method,
            result: d.result,
            performedAt: d.performedAt,
          },
        ],
      }));
    }
    case 'EmergencyReleaseAuthorized': {
      const d = event.data;
      return record(tx, d.patientId, (r) => ({
        emergencyReleases: [
          ...r.emergencyReleases,
          {
            requestId: d.requestId,
            unitId: d.unitId,
            authorizedBy: d.authorizedBy,
            reason: d.reason,
            waivedChecks: d.waivedChecks,
            authorizedAt: d.authorizedAt,
          },
        ],
      }));
    }
    case 'UnitIssuedToWard': {
      const d = event.data;
      tx.put<WardIssueView>(WARD_ISSUES, `${d.requestId}:${d.unitId}`, {
        id: `${d.requestId}:${d.unitId}`,
        hospitalSiteId: d.hospitalSiteId,
        ward: d.ward,
        requestId: d.requestId,
        patientId: d.patientId,
        unitId: d.unitId,
        din: d.din,
        crossmatched: d.crossmatched,
        emergencyRelease: d.emergencyRelease,
        issuedAt: d.issuedAt,
        status: 'ISSUED',
      });
      return;
    }
    case 'BedsideCheckPassed':
      return wardIssue(tx, event.data.requestId, event.data.unitId, 'BEDSIDE_VERIFIED');
    case 'BedsideCheckFailed': {
      const d = event.data;
      return record(tx, d.expectedPatientId, (r) => ({
        bedsideCheckFailures: [
          ...r.bedsideCheckFailures,
          {
            requestId: d.requestId,
            scannedUnitId: d.scannedUnitId,
            scannedPatientId: d.scannedPatientId,
            reasons: d.reasons,
            checkedAt: d.checkedAt,
          },
        ],
      }));
    }
    case 'TransfusionStarted':
      return wardIssue(tx, event.data.requestId, event.data.unitId, 'IN_PROGRESS');
    case 'UnitTransfused': {
      const d = event.data;
      await wardIssue(tx, d.requestId, d.unitId, 'TRANSFUSED');
      return record(tx, d.patientId, (r) => ({
        transfusions: [
          ...r.transfusions,
          {
            requestId: d.requestId,
            unitId: d.unitId,
            din: d.din,
            startedAt: d.startedAt,
            endedAt: d.endedAt,
            volumeMl: d.volumeMl,
          },
        ],
      }));
    }
    case 'AdverseReactionReported': {
      const d = event.data;
      return record(tx, d.patientId, (r) => ({
        reactions: [
          ...r.reactions,
          {
            reactionId: d.reactionId,
            requestId: d.requestId,
            category: d.category,
            severity: d.severity,
            imputability: d.imputability,
            serious: d.serious,
            onsetAt: d.onsetAt,
          },
        ],
      }));
    }
    case 'UnitReturnedToBloodBank':
      return wardIssue(tx, event.data.requestId, event.data.unitId, 'RETURNED');
    case 'UnitWasted':
      return wardIssue(tx, event.data.requestId, event.data.unitId, 'WASTED');
    default:
      return;
  }
};

/** The patient's transfusion record, the request index (for site scoping) and the ward issues. */
export const patientRecordsProjection: Projection = {
  name: 'transfusion-patient-records',
  collections: [PATIENT_RECORDS, PATIENT_IDENTITIES, REQUESTS, WARD_ISSUES],
  indexes: {
    [PATIENT_IDENTITIES]: [['hospitalSiteId', 'mrn']],
    [WARD_ISSUES]: [['hospitalSiteId'], ['hospitalSiteId', 'ward']],
  },
  handles: [
    'PatientIdentityRecorded',
    'PatientRegistered',
    'PatientPersonalDataErased',
    'PatientSampleTyped',
    'AntibodiesIdentified',
    'HistoricalGroupRecorded',
    'BloodFeeExemptionAssessed',
    'TransfusionRequested',
    'CrossmatchPerformed',
    'EmergencyReleaseAuthorized',
    'UnitIssuedToWard',
    'BedsideCheckPassed',
    'BedsideCheckFailed',
    'TransfusionStarted',
    'UnitTransfused',
    'AdverseReactionReported',
    'UnitReturnedToBloodBank',
    'UnitWasted',
  ],
  async apply(event: RecordedEvent, tx: DocumentWriter) {
    if (event.streamId.startsWith('PatientIdentity-')) {
      const d = (event as unknown as PatientIdentityEvent).data;
      const { patientId, hospitalSiteId } = d;
      if (isLegacyPlaintextPatientIdentity(d)) {
        const { mrn, familyName, givenName, birthDate, sex } = d;
        tx.put<PatientIdentityDoc>(PATIENT_IDENTITIES, patientId, {
          patientId,
          hospitalSiteId,
          mrn,
          legacy: { mrn, familyName, givenName, birthDate, sex },
        });
      } else {
        tx.put<PatientIdentityDoc>(PATIENT_IDENTITIES, patientId, {
          patientId,
          hospitalSiteId,
          sealed: d.sealed,
        });
      }
      return;
    }
    if (event.type === 'PatientPersonalDataErased') {
      const { patientId, erasedAt } = (
        event as unknown as Extract<PatientEvent, { type: 'PatientPersonalDataErased' }>
      ).data;
      const doc = await tx.get<PatientIdentityDoc>(PATIENT_IDENTITIES, patientId);
      if (doc)
        tx.put<PatientIdentityDoc>(PATIENT_IDENTITIES, patientId, {
          patientId,
          hospitalSiteId: doc.hospitalSiteId,
          erased: true,
          erasedAt,
        });
      return;
    }
    if (event.streamId.startsWith('Patient-')) return applyPatient(event as unknown as PatientEvent, tx);
    if (event.streamId.startsWith('TransfusionRequest-')) {
      return applyRequest(event as unknown as TransfusionRequestEvent, tx);
    }
  },
};
