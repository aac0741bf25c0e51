import type { Actor, Antigen, BloodGroup } from '@hemotrace/kernel';
import type { Decider } from '@hemotrace/event-sourcing';
import type {
  CrossmatchMethod,
  Imputability,
  ReactionCategory,
  RequestedProduct,
  SeverityGrade,
} from '../../contracts/transfusion.contracts';
import { compatibilityFindings } from '../compatibility/compatibility';
import type { UnitFacts } from '../compatibility/unit-facts';
import { unitIsInDate, unitIsReleasedAndAvailableAtHospital } from '../compatibility/unit-status.rules';
import type { RegisteredPatient } from '../patient/patient.state';
import {
  antibodyScreenIsResolved,
  currentSample,
  electronicCrossmatchObstacles,
  groupsDisagree,
  recordedGroups,
} from '../patient/patient.rules';
import type { TransfusionProfile } from '../profile/transfusion-profile';
import {
  AntibodyIdentificationPending,
  BedsideCheckRequired,
  CrossmatchSampleExpired,
  ElectronicCrossmatchNotAllowed,
  EmergencyUnitNotGroupORedCells,
  EndBeforeStart,
  GroupDiscrepancy,
  NoValidSample,
  NotAnEmergencyRequest,
  OnsetBeforeTransfusion,
  OnsetOutsideCategoryWindow,
  QuantityAlreadyAllocated,
  RequestNotFound,
  ReturnOutsideLimits,
  UnitAlreadyAllocated,
  UnitExpired,
  UnitIncompatible,
  UnitNotAvailable,
  UnitNotInExpectedState,
  WrongProduct,
} from '../transfusion.errors';
import type { TransfusionRequestEvent, Urgency, VitalSigns } from './transfusion-request.events';
import type {
  OpenRequest,
  RequestUnit,
  RequestUnitStatus,
  TransfusionRequestState,
} from './transfusion-request.state';
import { evolveRequest, initialRequestState, unitsHeld } from './transfusion-request.state';
import {
  onsetOutsideCategoryWindow,
  reactionIsReportable,
  reactionIsSerious,
  returnLimitBreaches,
} from './transfusion-request.rules';

interface Given {
  actor: Actor;
  now: string;
}

export type RequestTransfusion = {
  type: 'RequestTransfusion';
  requestId: string;
  patient: RegisteredPatient;
  product: RequestedProduct;
  quantity: number;
  urgency: Urgency;
  irradiated: boolean;
  leukoreduced: boolean;
  antigenNegative: Antigen[];
  indication: string;
} & Given;

export type CrossmatchUnit = {
  type: 'CrossmatchUnit';
  unit: UnitFacts;
  patient: RegisteredPatient;
  method: CrossmatchMethod;
  /** Serological: what the bench saw. Electronic: absent, the computer decides. */
  serologicalResult?: 'COMPATIBLE' | 'INCOMPATIBLE';
  profile: TransfusionProfile;
} & Given;

export type ReleaseEmergencyUnit = {
  type: 'ReleaseEmergencyUnit';
  unit: UnitFacts;
  patient: RegisteredPatient;
  reason: string;
  profile: TransfusionProfile;
} & Given;

export type IssueUnitToWard = { type: 'IssueUnitToWard'; unitId: string; ward: string } & Given;

export type VerifyAtBedside = {
  type: 'VerifyAtBedside';
  scannedPatientId: string;
  scannedDin: string;
  scannedProductCode: string;
} & Given;

export type StartTransfusion = {
  type: 'StartTransfusion';
  unitId: string;
  startedAt: string;
  vitals: VitalSigns;
} & Given;
export type RecordVitalSigns = {
  type: 'RecordVitalSigns';
  unitId: string;
  measuredAt: string;
  vitals: VitalSigns;
} & Given;
export type EndTransfusion = {
  type: 'EndTransfusion';
  unitId: string;
  endedAt: string;
  volumeMl: number;
  vitals?: VitalSigns;
} & Given;

export type ReportAdverseReaction = {
  type: 'ReportAdverseReaction';
  reactionId: string;
  unitIds: string[];
  category: ReactionCategory;
  onsetAt: string;
  severity: SeverityGrade;
  imputability: Imputability;
  description: string;
  suspectedAgent?: string;
  profile: TransfusionProfile;
} & Given;

export type ReturnUnitToBloodBank = {
  type: 'ReturnUnitToBloodBank';
  unitId: string;
  minutesOutOfStorage: number;
  temperatureC: number;
  profile: TransfusionProfile;
} & Given;

export type WasteUnit = { type: 'WasteUnit'; unitId: string; reason: string } & Given;

export type TransfusionRequestCommand =
  | RequestTransfusion
  | CrossmatchUnit
  | ReleaseEmergencyUnit
  | IssueUnitToWard
  | VerifyAtBedside
  | StartTransfusion
  | RecordVitalSigns
  | EndTransfusion
  | ReportAdverseReaction
  | ReturnUnitToBloodBank
  | WasteUnit;

const open = (state: TransfusionRequestState): OpenRequest => {
  if (state.status !== 'Open') throw new RequestNotFound('unknown');
  return state;
};

const unitIn = (state: OpenRequest, unitId: string, expected: RequestUnitStatus[]): RequestUnit => {
  const unit = state.units.find((u) => u.unitId === unitId);
  if (!unit || !expected.includes(unit.status))
    throw new UnitNotInExpectedState(unitId, expected, unit?.status ?? null);
  return unit;
};

export const requestTransfusion = (
  cmd: RequestTransfusion,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  if (state.status === 'Open') return [];
  const derived = cmd.patient.antigensToAvoid.filter((a) => !cmd.antigenNegative.includes(a));
  return [
    {
      type: 'TransfusionRequested',
      data: {
        requestId: cmd.requestId,
        patientId: cmd.patient.patientId,
        hospitalSiteId: cmd.patient.hospitalSiteId,
        product: cmd.product,
        quantity: cmd.quantity,
        urgency: cmd.urgency,
        requirements: {
          irradiated: cmd.irradiated,
          leukoreduced: cmd.leukoreduced,
          antigenNegative: cmd.antigenNegative,
          derivedAntigenNegative: derived,
        },
        indication: cmd.indication,
        requestedBy: cmd.actor.userId,
        requestedAt: cmd.now,
      },
    },
  ];
};

/** Requirements hold for the patient's lifetime: antibodies identified after the request still apply. */
const effectiveRequirements = (state: OpenRequest, patient: RegisteredPatient) => ({
  irradiated: state.irradiated,
  leukoreduced: state.leukoreduced,
  antigenNegative: [...new Set([...state.antigenNegative, ...patient.antigensToAvoid])],
});

/** Checks no override may waive: right product, released, in this hospital's stock, in date, not already held. */
const assertUnitMayBeAllocated = (state: OpenRequest, unit: UnitFacts, now: string): void => {
  if (unit.product !== state.product) throw new WrongProduct(unit.unitId, state.product, unit.product);
  if (unitsHeld(state).some((u) => u.unitId === unit.unitId)) throw new UnitAlreadyAllocated(unit.unitId);
  const unavailable = unitIsReleasedAndAvailableAtHospital(unit, state.hospitalSiteId);
  if (unavailable) throw new UnitNotAvailable(unit.unitId, unavailable);
  if (!unitIsInDate(unit.expiresAt, now)) throw new UnitExpired(unit.unitId, unit.expiresAt);
  if (unitsHeld(state).length >= state.quantity)
    throw new QuantityAlreadyAllocated(state.requestId, state.quantity);
};

const allocated = (
  state: OpenRequest,
  unit: UnitFacts,
  basis: 'CROSSMATCH' | 'EMERGENCY_RELEASE',
  sampleValidUntil: string | null,
  now: string,
): TransfusionRequestEvent => ({
  type: 'UnitAllocated',
  data: {
    requestId: state.requestId,
    patientId: state.patientId,
    hospitalSiteId: state.hospitalSiteId,
    unitId: unit.unitId,
    din: unit.din,
    productCode: unit.productCode,
    expiresAt: unit.expiresAt,
    basis,
    sampleValidUntil,
    allocatedAt: now,
  },
});

export const crossmatchUnit = (
  cmd: CrossmatchUnit,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  assertUnitMayBeAllocated(request, cmd.unit, cmd.now);
  if (groupsDisagree(cmd.patient))
    throw new GroupDiscrepancy(cmd.patient.patientId, recordedGroups(cmd.patient));
  const sample = currentSample(cmd.patient, cmd.now);
  if (!sample) throw new NoValidSample(cmd.patient.patientId);
  if (request.product === 'RED_CELLS' && !antibodyScreenIsResolved(sample)) {
    throw new AntibodyIdentificationPending(sample.sampleId);
  }
  if (cmd.method === 'ELECTRONIC') {
    const obstacles = electronicCrossmatchObstacles(cmd.patient, sample);
    if (obstacles.length > 0) throw new ElectronicCrossmatchNotAllowed(obstacles);
  }
  const findings = compatibilityFindings(
    request.product,
    cmd.unit,
    sample.bloodGroup,
    effectiveRequirements(request, cmd.patient),
    cmd.profile,
  );
  if (findings.length > 0)
    throw new UnitIncompatible(
      cmd.unit.unitId,
      findings.map((f) => f.message),
    );
  const result = cmd.method === 'ELECTRONIC' ? 'COMPATIBLE' : (cmd.serologicalResult ?? 'INCOMPATIBLE');
  const performed: TransfusionRequestEvent = {
    type: 'CrossmatchPerformed',
    data: {
      requestId: request.requestId,
      patientId: request.patientId,
      hospitalSiteId: request.hospitalSiteId,
      unitId: cmd.unit.unitId,
      din: cmd.unit.din,
      productCode: cmd.unit.productCode,
      method: cmd.method,
      result,
      sampleId: sample.sampleId,
      sampleValidUntil: sample.validUntil,
      performedAt: cmd.now,
    },
  };
  return result === 'COMPATIBLE'
    ? [performed, allocated(request, cmd.unit, 'CROSSMATCH', sample.validUntil, cmd.now)]
    : [performed];
};

/**
 * AABB 5.27 emergency release: group O red cells without a crossmatch, on a physician's recorded
 * authorization. Status and expiry are never waived; every other unmet check is listed as waived.
 */
export const releaseEmergencyUnit = (
  cmd: ReleaseEmergencyUnit,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  if (request.urgency !== 'EMERGENCY') throw new NotAnEmergencyRequest(request.requestId);
  if (cmd.unit.product !== 'RED_CELLS' || cmd.unit.bloodGroup?.abo !== 'O') {
    throw new EmergencyUnitNotGroupORedCells(cmd.unit.unitId);
  }
  assertUnitMayBeAllocated(request, cmd.unit, cmd.now);
  const sample = currentSample(cmd.patient, cmd.now);
  const patientGroup: BloodGroup | null = sample?.bloodGroup ?? null;
  const findings = compatibilityFindings(
    request.product,
    cmd.unit,
    patientGroup,
    effectiveRequirements(request, cmd.patient),
    cmd.profile,
  ).filter((f) => !(patientGroup === null && f.check === 'ABO'));
  const waivedChecks = [
    'CROSSMATCH',
    ...(patientGroup === null ? ['PATIENT_GROUP_UNKNOWN'] : []),
    ...findings.map((f) => f.check),
  ];
  return [
    {
      type: 'EmergencyReleaseAuthorized',
      data: {
        requestId: request.requestId,
        patientId: request.patientId,
        hospitalSiteId: request.hospitalSiteId,
        unitId: cmd.unit.unitId,
        din: cmd.unit.din,
        productCode: cmd.unit.productCode,
        authorizedBy: cmd.actor.userId,
        reason: cmd.reason,
        waivedChecks,
        authorizedAt: cmd.now,
      },
    },
    allocated(request, cmd.unit, 'EMERGENCY_RELEASE', null, cmd.now),
  ];
};

/** A crossmatched unit leaves the blood bank only while its crossmatch sample is valid and the unit in date. */
export const issueUnitToWard = (
  cmd: IssueUnitToWard,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['ALLOCATED']);
  if (!unitIsInDate(unit.expiresAt, cmd.now)) throw new UnitExpired(unit.unitId, unit.expiresAt);
  if (unit.sampleValidUntil !== null && cmd.now >= unit.sampleValidUntil) {
    throw new CrossmatchSampleExpired(unit.unitId, unit.sampleValidUntil);
  }
  return [
    {
      type: 'UnitIssuedToWard',
      data: {
        requestId: request.requestId,
        patientId: request.patientId,
        hospitalSiteId: request.hospitalSiteId,
        unitId: unit.unitId,
        din: unit.din,
        productCode: unit.productCode,
        ward: cmd.ward,
        crossmatched: unit.basis === 'CROSSMATCH',
        emergencyRelease: unit.basis === 'EMERGENCY_RELEASE',
        issuedAt: cmd.now,
      },
    },
  ];
};

/**
 * The bedside check (CN clinical transfusion spec. art. 27, two-person check): the scanned
 * wristband and unit label must match an issued allocation. A mismatch is recorded, not thrown:
 * the refused attempt is a near-miss that haemovigilance must keep. The handler then answers 422.
 */
export const verifyAtBedside = (
  cmd: VerifyAtBedside,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const scannedUnitId = `${cmd.scannedDin}-${cmd.scannedProductCode}`;
  const unit = request.units.find((u) => u.unitId === scannedUnitId);
  const reasons: ('PATIENT_MISMATCH' | 'UNIT_NOT_ISSUED_FOR_THIS_REQUEST')[] = [
    ...(cmd.scannedPatientId === request.patientId ? [] : ['PATIENT_MISMATCH' as const]),
    ...(unit && (unit.status === 'ISSUED' || unit.status === 'BEDSIDE_VERIFIED')
      ? []
      : ['UNIT_NOT_ISSUED_FOR_THIS_REQUEST' as const]),
  ];
  if (reasons.length > 0 || !unit) {
    return [
      {
        type: 'BedsideCheckFailed',
        data: {
          requestId: request.requestId,
          expectedPatientId: request.patientId,
          scannedPatientId: cmd.scannedPatientId,
          hospitalSiteId: request.hospitalSiteId,
          scannedUnitId,
          scannedDin: cmd.scannedDin,
          scannedProductCode: cmd.scannedProductCode,
          reasons,
          checkedAt: cmd.now,
        },
      },
    ];
  }
  if (!unitIsInDate(unit.expiresAt, cmd.now)) throw new UnitExpired(unit.unitId, unit.expiresAt);
  return [
    {
      type: 'BedsideCheckPassed',
      data: {
        requestId: request.requestId,
        patientId: request.patientId,
        hospitalSiteId: request.hospitalSiteId,
        unitId: unit.unitId,
        din: unit.din,
        productCode: unit.productCode,
        checkedAt: cmd.now,
      },
    },
  ];
};

export const startTransfusion = (
  cmd: StartTransfusion,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const current = request.units.find((u) => u.unitId === cmd.unitId);
  if (current?.status === 'ISSUED') throw new BedsideCheckRequired(cmd.unitId);
  const unit = unitIn(request, cmd.unitId, ['BEDSIDE_VERIFIED']);
  return [
    {
      type: 'TransfusionStarted',
      data: {
        requestId: request.requestId,
        patientId: request.patientId,
        unitId: unit.unitId,
        din: unit.din,
        startedAt: cmd.startedAt,
        vitals: cmd.vitals,
      },
    },
  ];
};

export const recordVitalSigns = (
  cmd: RecordVitalSigns,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  unitIn(request, cmd.unitId, ['IN_PROGRESS', 'TRANSFUSED']);
  return [
    {
      type: 'VitalSignsRecorded',
      data: {
        requestId: request.requestId,
        unitId: cmd.unitId,
        vitals: cmd.vitals,
        measuredAt: cmd.measuredAt,
      },
    },
  ];
};

export const endTransfusion = (
  cmd: EndTransfusion,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['IN_PROGRESS']);
  const startedAt = unit.startedAt ?? cmd.endedAt;
  if (cmd.endedAt < startedAt) throw new EndBeforeStart(unit.unitId);
  return [
    ...(cmd.vitals
      ? [
          {
            type: 'VitalSignsRecorded' as const,
            data: {
              requestId: request.requestId,
              unitId: unit.unitId,
              vitals: cmd.vitals,
              measuredAt: cmd.endedAt,
            },
          },
        ]
      : []),
    {
      type: 'UnitTransfused',
      data: {
        requestId: request.requestId,
        patientId: request.patientId,
        hospitalSiteId: request.hospitalSiteId,
        unitId: unit.unitId,
        din: unit.din,
        productCode: unit.productCode,
        startedAt,
        endedAt: cmd.endedAt,
        volumeMl: cmd.volumeMl,
      },
    },
  ];
};

export const reportAdverseReaction = (
  cmd: ReportAdverseReaction,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const units = cmd.unitIds.map((unitId) => unitIn(request, unitId, ['IN_PROGRESS', 'TRANSFUSED']));
  const firstStart = units.map((u) => u.startedAt ?? cmd.onsetAt).sort()[0];
  if (cmd.onsetAt < firstStart) throw new OnsetBeforeTransfusion(cmd.onsetAt, firstStart);
  const stillRunning = units.some((u) => u.endedAt === null);
  const lastEnd = stillRunning
    ? null
    : (units
        .map((u) => u.endedAt as string)
        .sort()
        .at(-1) ?? null);
  const outside = onsetOutsideCategoryWindow(cmd.profile, cmd.category, cmd.onsetAt, lastEnd);
  if (outside) throw new OnsetOutsideCategoryWindow(cmd.category, outside.windowHours, outside.hoursAfterEnd);
  const dins = [...new Set(units.map((u) => u.din))];
  const reported: TransfusionRequestEvent = {
    type: 'AdverseReactionReported',
    data: {
      reactionId: cmd.reactionId,
      requestId: request.requestId,
      patientId: request.patientId,
      hospitalSiteId: request.hospitalSiteId,
      unitIds: cmd.unitIds,
      dins,
      category: cmd.category,
      onsetAt: cmd.onsetAt,
      onsetMinutesAfterStart: Math.round((Date.parse(cmd.onsetAt) - Date.parse(firstStart)) / 60_000),
      severity: cmd.severity,
      imputability: cmd.imputability,
      serious: reactionIsSerious(cmd.profile, cmd.severity),
      reportableToRegulator: reactionIsReportable(cmd.profile, cmd.severity, cmd.imputability),
      description: cmd.description,
      reportedAt: cmd.now,
    },
  };
  if (cmd.category !== 'TTI') return [reported];
  return [
    reported,
    {
      type: 'TransfusionTransmittedInfectionSuspected',
      data: {
        reactionId: cmd.reactionId,
        requestId: request.requestId,
        patientId: request.patientId,
        hospitalSiteId: request.hospitalSiteId,
        unitIds: cmd.unitIds,
        dins,
        ...(cmd.suspectedAgent ? { suspectedAgent: cmd.suspectedAgent } : {}),
        reportedAt: cmd.now,
      },
    },
  ];
};

export const returnUnitToBloodBank = (
  cmd: ReturnUnitToBloodBank,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['ISSUED', 'BEDSIDE_VERIFIED']);
  const breaches = returnLimitBreaches(
    cmd.profile.returnLimits[request.product],
    cmd.minutesOutOfStorage,
    cmd.temperatureC,
  );
  if (breaches.length > 0) throw new ReturnOutsideLimits(unit.unitId, breaches);
  return [
    {
      type: 'UnitReturnedToBloodBank',
      data: {
        requestId: request.requestId,
        hospitalSiteId: request.hospitalSiteId,
        unitId: unit.unitId,
        minutesOutOfStorage: cmd.minutesOutOfStorage,
        temperatureC: cmd.temperatureC,
        returnedAt: cmd.now,
      },
    },
  ];
};

export const wasteUnit = (cmd: WasteUnit, state: TransfusionRequestState): TransfusionRequestEvent[] => {
  const request = open(state);
  const unit = unitIn(request, cmd.unitId, ['ALLOCATED', 'ISSUED', 'BEDSIDE_VERIFIED']);
  return [
    {
      type: 'UnitWasted',
      data: {
        requestId: request.requestId,
        hospitalSiteId: request.hospitalSiteId,
        unitId: unit.unitId,
        reason: cmd.reason,
        wastedAt: cmd.now,
      },
    },
  ];
};

export const transfusionRequestDecider: Decider<
  TransfusionRequestCommand,
  TransfusionRequestEvent,
  TransfusionRequestState
> = {
  initialState: initialRequestState,
  evolve: evolveRequest,
  decide: (command, state) => {
    switch (command.type) {
      case 'RequestTransfusion':
        return requestTransfusion(command, state);
      case 'CrossmatchUnit':
        return crossmatchUnit(command, state);
      case 'ReleaseEmergencyUnit':
        return releaseEmergencyUnit(command, state);
      case 'IssueUnitToWard':
        return issueUnitToWard(command, state);
      case 'VerifyAtBedside':
        return verifyAtBedside(command, state);
      case 'StartTransfusion':
        return startTransfusion(command, state);
      case 'RecordVitalSigns':
        return recordVitalSigns(command, state);
      case 'EndTransfusion':
        return endTransfusion(command, state);
      case 'ReportAdverseReaction':
        return reportAdverseReaction(command, state);
      case 'ReturnUnitToBloodBank':
        return returnUnitToBloodBank(command, state);
      case 'WasteUnit':
        return wasteUnit(command, state);
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
  },
};
