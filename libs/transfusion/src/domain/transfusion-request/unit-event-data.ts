import type { OpenRequest } from './transfusion-request.state';

/**
 * The fields every unit event on a request starts with (UnitAllocated, CrossmatchPerformed,
 * EmergencyReleaseAuthorized, UnitIssuedToWard, BedsideCheckPassed, UnitTransfused), in stored order.
 */
export const unitOnRequest = (
  request: OpenRequest,
  unit: { unitId: string; din: string; productCode: string },
) => ({
  requestId: request.requestId,
  patientId: request.patientId,
  hospitalSiteId: request.hospitalSiteId,
  unitId: unit.unitId,
  din: unit.din,
  productCode: unit.productCode,
});
