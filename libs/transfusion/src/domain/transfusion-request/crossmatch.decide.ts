import type { CrossmatchMethod } from './transfusion-request.event-data';
import { compatibilityFindings } from '../compatibility/compatibility';
import type { UnitFacts } from '../compatibility/unit-facts';
import {
  antibodyScreenIsResolved,
  currentSample,
  electronicCrossmatchObstacles,
  groupsDisagree,
  recordedGroups,
} from '../patient/patient.rules';
import type { RegisteredPatient } from '../patient/patient.state';
import type { TransfusionProfile } from '../profile/transfusion-profile';
import {
  AntibodyIdentificationPending,
  ElectronicCrossmatchNotAllowed,
  GroupDiscrepancy,
  NoValidSample,
  UnitIncompatible,
} from '../transfusion.errors';
import type { TransfusionRequestEvent } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import { open } from './transfusion-request.guards';
import type { TransfusionRequestState } from './transfusion-request.state';
import { allocated, assertUnitMayBeAllocated, effectiveRequirements } from './unit-allocation';
import { unitOnRequest } from './unit-event-data';
import type { StatedTime } from './stated-time';
import { assertAfterPreviousStep, factTime } from './stated-time';

export type CrossmatchUnit = {
  type: 'CrossmatchUnit';
  unit: UnitFacts;
  patient: RegisteredPatient;
  method: CrossmatchMethod;
  /** Serological: what the bench saw. Electronic: absent, the computer decides. */
  serologicalResult?: 'COMPATIBLE' | 'INCOMPATIBLE';
  profile: TransfusionProfile;
} & Given &
  StatedTime;

export const crossmatchUnit = (
  cmd: CrossmatchUnit,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  const request = open(state);
  const { at, late } = factTime(cmd, 'performedAt');
  assertAfterPreviousStep(cmd.unit.unitId, 'performedAt', at, { step: 'request', at: request.requestedAt });
  if (cmd.unit.receivedAt !== null) {
    assertAfterPreviousStep(cmd.unit.unitId, 'performedAt', at, {
      step: 'receipt at the hospital',
      at: cmd.unit.receivedAt,
    });
  }
  assertUnitMayBeAllocated(request, cmd.unit, at);
  if (groupsDisagree(cmd.patient))
    throw new GroupDiscrepancy(cmd.patient.patientId, recordedGroups(cmd.patient));
  const sample = currentSample(cmd.patient, at);
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
      ...unitOnRequest(request, cmd.unit),
      method: cmd.method,
      result,
      sampleId: sample.sampleId,
      sampleValidUntil: sample.validUntil,
      performedAt: at,
      ...late,
    },
  };
  return result === 'COMPATIBLE'
    ? [performed, allocated(request, cmd.unit, 'CROSSMATCH', sample.validUntil, at)]
    : [performed];
};
