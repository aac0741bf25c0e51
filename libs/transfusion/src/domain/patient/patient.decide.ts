import type { Actor, BloodGroup } from '@hemotrace/kernel';
import { addHours, antigenFromAntibody } from '@hemotrace/kernel';
import type { Decider } from '@hemotrace/event-sourcing';
import { assessExemption } from '../blood-fee/blood-fee.rules';
import type { DonationRecord } from '../blood-fee/blood-fee.rules';
import type { TransfusionProfile } from '../profile/transfusion-profile';
import {
  AntibodyScreenNegative,
  FeeExemptionNotInProfile,
  NoDonationHistory,
  PatientAlreadyRegistered,
  PatientNotFound,
  PatientPersonalDataAlreadyErased,
  SampleAlreadyRecorded,
  SampleCollectedInFuture,
  SampleNotFound,
} from '../transfusion.errors';
import type {
  AntibodyScreen,
  FeeRelationship,
  PatientErasureLegalBasis,
  PatientEvent,
} from './patient.events';
import type { PatientState, RegisteredPatient } from './patient.state';
import { evolvePatient, initialPatientState } from './patient.state';

interface Given {
  actor: Actor;
  now: string;
}

export type PatientCommand =
  | ({ type: 'RegisterPatient'; patientId: string; hospitalSiteId: string } & Given)
  | ({
      type: 'RecordPatientSample';
      sampleId: string;
      collectedAt: string;
      bloodGroup: BloodGroup;
      antibodyScreen: AntibodyScreen;
      profile: TransfusionProfile;
    } & Given)
  | ({ type: 'RecordAntibodyIdentification'; sampleId: string; antibodies: string[] } & Given)
  | ({ type: 'RecordHistoricalGroup'; bloodGroup: BloodGroup; source: string } & Given)
  | ({
      type: 'ErasePatientPersonalData';
      patientId: string;
      legalBasis: PatientErasureLegalBasis;
      reason: string;
    } & Given)
  | ({
      type: 'AssessBloodFeeExemption';
      donorId: string;
      relationship: FeeRelationship;
      donations: DonationRecord[];
      profile: TransfusionProfile;
    } & Given);

const registered = (state: PatientState, patientId = 'unknown'): RegisteredPatient => {
  if (state.status !== 'Registered') throw new PatientNotFound(patientId);
  return state;
};

export const registerPatient = (
  cmd: Extract<PatientCommand, { type: 'RegisterPatient' }>,
  state: PatientState,
): PatientEvent[] => {
  if (state.status === 'Registered') throw new PatientAlreadyRegistered(cmd.patientId);
  return [
    {
      type: 'PatientRegistered',
      data: { patientId: cmd.patientId, hospitalSiteId: cmd.hospitalSiteId, registeredAt: cmd.now },
    },
  ];
};

export const recordPatientSample = (
  cmd: Extract<PatientCommand, { type: 'RecordPatientSample' }>,
  state: PatientState,
): PatientEvent[] => {
  const patient = registered(state);
  if (patient.samples.some((s) => s.sampleId === cmd.sampleId)) throw new SampleAlreadyRecorded(cmd.sampleId);
  if (cmd.collectedAt > cmd.now) throw new SampleCollectedInFuture(cmd.sampleId);
  return [
    {
      type: 'PatientSampleTyped',
      data: {
        patientId: patient.patientId,
        sampleId: cmd.sampleId,
        collectedAt: cmd.collectedAt,
        bloodGroup: cmd.bloodGroup,
        antibodyScreen: cmd.antibodyScreen,
        validUntil: addHours(cmd.collectedAt, cmd.profile.sampleValidityHours),
        testedAt: cmd.now,
      },
    },
  ];
};

export const recordAntibodyIdentification = (
  cmd: Extract<PatientCommand, { type: 'RecordAntibodyIdentification' }>,
  state: PatientState,
): PatientEvent[] => {
  const patient = registered(state);
  const sample = patient.samples.find((s) => s.sampleId === cmd.sampleId);
  if (!sample) throw new SampleNotFound(cmd.sampleId);
  if (sample.antibodyScreen === 'NEGATIVE') throw new AntibodyScreenNegative(cmd.sampleId);
  const antigensToAvoid = [...new Set(cmd.antibodies.map(antigenFromAntibody))];
  return [
    {
      type: 'AntibodiesIdentified',
      data: {
        patientId: patient.patientId,
        sampleId: cmd.sampleId,
        antibodies: cmd.antibodies,
        antigensToAvoid,
        identifiedAt: cmd.now,
      },
    },
  ];
};

export const recordHistoricalGroup = (
  cmd: Extract<PatientCommand, { type: 'RecordHistoricalGroup' }>,
  state: PatientState,
): PatientEvent[] => {
  const patient = registered(state);
  return [
    {
      type: 'HistoricalGroupRecorded',
      data: {
        patientId: patient.patientId,
        bloodGroup: cmd.bloodGroup,
        source: cmd.source,
        notedAt: cmd.now,
      },
    },
  ];
};

export const assessBloodFeeExemption = (
  cmd: Extract<PatientCommand, { type: 'AssessBloodFeeExemption' }>,
  state: PatientState,
): PatientEvent[] => {
  const patient = registered(state);
  const rule = cmd.profile.bloodFeeExemption;
  if (!rule) throw new FeeExemptionNotInProfile(cmd.profile.id);
  if (cmd.donations.length === 0) throw new NoDonationHistory(cmd.donorId);
  const assessment = assessExemption(rule, cmd.relationship, cmd.donations);
  return [
    {
      type: 'BloodFeeExemptionAssessed',
      data: {
        patientId: patient.patientId,
        donorId: cmd.donorId,
        relationship: cmd.relationship,
        donatedVolumeMl: assessment.donatedVolumeMl,
        donationCount: cmd.donations.length,
        lifetime: assessment.lifetime,
        eligibleVolumeMl: assessment.eligibleVolumeMl,
        rule: assessment.rule,
        profileId: cmd.profile.id,
        assessedAt: cmd.now,
      },
    },
  ];
};

/**
 * GDPR art. 17 / PIPL art. 47: a patient's identity is erased once; the transfusion record (units,
 * samples, antibodies) stays, as haemovigilance (Directive 2005/61/EC art. 4) requires.
 */
export const erasePatientPersonalData = (
  cmd: Extract<PatientCommand, { type: 'ErasePatientPersonalData' }>,
  state: PatientState,
): PatientEvent[] => {
  const patient = registered(state, cmd.patientId);
  if (patient.identityErasedAt !== undefined)
    throw new PatientPersonalDataAlreadyErased(patient.patientId, patient.identityErasedAt);
  return [
    {
      type: 'PatientPersonalDataErased',
      data: {
        patientId: patient.patientId,
        legalBasis: cmd.legalBasis,
        reason: cmd.reason,
        erasedAt: cmd.now,
      },
    },
  ];
};

export const patientDecider: Decider<PatientCommand, PatientEvent, PatientState> = {
  initialState: initialPatientState,
  evolve: evolvePatient,
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterPatient':
        return registerPatient(command, state);
      case 'RecordPatientSample':
        return recordPatientSample(command, state);
      case 'RecordAntibodyIdentification':
        return recordAntibodyIdentification(command, state);
      case 'RecordHistoricalGroup':
        return recordHistoricalGroup(command, state);
      case 'AssessBloodFeeExemption':
        return assessBloodFeeExemption(command, state);
      case 'ErasePatientPersonalData':
        return erasePatientPersonalData(command, state);
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
  },
};
