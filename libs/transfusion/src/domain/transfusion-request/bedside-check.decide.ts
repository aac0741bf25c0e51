import { unitIsInDate } from '../compatibility/unit-status.rules';
import { UnitExpired } from '../transfusion.errors';
import type { TransfusionRequestEvent } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import { open } from './transfusion-request.guards';
import type { TransfusionRequestState } from './transfusion-request.state';
import { unitOnRequest } from './unit-event-data';
import type { StatedTime } from './stated-time';
import { assertAfterPreviousStep, factTime } from './stated-time';

export type VerifyAtBedside = {
  type: 'VerifyAtBedside';
  scannedPatientId: string;
  scannedDin: string;
  scannedProductCode: string;
} & Given &
  StatedTime;

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
  const { at, late } = factTime(cmd, 'checkedAt');
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
          checkedAt: at,
          ...late,
        },
      },
    ];
  }
  assertAfterPreviousStep(unit.unitId, 'checkedAt', at, unit.lastStep);
  if (!unitIsInDate(unit.expiresAt, at)) throw new UnitExpired(unit.unitId, unit.expiresAt);
  return [{ type: 'BedsideCheckPassed', data: { ...unitOnRequest(request, unit), checkedAt: at, ...late } }];
};
