import type { BloodGroup } from '@hemotrace/kernel';
import { compatibilityFindings } from '../compatibility/compatibility';
import type { UnitFacts } from '../compatibility/unit-facts';
import { currentSample } from '../patient/patient.rules';
import type { RegisteredPatient } from '../patient/patient.state';
import type { TransfusionProfile } from '../profile/transfusion-profile';
import { EmergencyUnitNotGroupORedCells, NotAnEmergencyRequest } from '../transfusion.errors';
import type { TransfusionRequestEvent } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import { open } from './transfusion-request.guards';
import type { TransfusionRequestState } from './transfusion-request.state';
import { allocated, assertUnitMayBeAllocated, effectiveRequirements } from './unit-allocation';
import { unitOnRequest } from './unit-event-data';

export type ReleaseEmergencyUnit = {
  type: 'ReleaseEmergencyUnit';
  unit: UnitFacts;
  patient: RegisteredPatient;
  reason: string;
  profile: TransfusionProfile;
} & Given;

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
        ...unitOnRequest(request, cmd.unit),
        authorizedBy: cmd.actor.userId,
        reason: cmd.reason,
        waivedChecks,
        authorizedAt: cmd.now,
      },
    },
    allocated(request, cmd.unit, 'EMERGENCY_RELEASE', null, cmd.now),
  ];
};
