import type { R5 } from '@smile-cdr/fhirts';
import type { WardIssueView } from '@hemotrace/transfusion';
import { annotation, conceptText, narrative, siteReference, SYSTEMS } from './fhir.systems';

/** A FHIR id allows [A-Za-z0-9.-]: the ward issue `requestId:unitId` becomes `requestId.unitId`. */
export const dispenseId = (issue: Pick<WardIssueView, 'requestId' | 'unitId'>): string =>
  `${issue.requestId}.${issue.unitId}`;

export const parseDispenseId = (id: string): { requestId: string; unitId: string } | null => {
  const dot = id.indexOf('.');
  return dot > 0 ? { requestId: id.slice(0, dot), unitId: id.slice(dot + 1) } : null;
};

/** Handed over to the ward counts as issued whatever happened at the bedside; a return is `returned`. */
const STATUS: Record<WardIssueView['status'], R5.BiologicallyDerivedProductDispense['status']> = {
  ISSUED: 'issued',
  BEDSIDE_VERIFIED: 'issued',
  IN_PROGRESS: 'issued',
  TRANSFUSED: 'issued',
  RETURNED: 'returned',
  WASTED: 'issued',
};

/** One issue of a unit to a patient on a ward as a FHIR R5 BiologicallyDerivedProductDispense. */
export const toDispense = (issue: WardIssueView): R5.BiologicallyDerivedProductDispense => ({
  resourceType: 'BiologicallyDerivedProductDispense',
  id: dispenseId(issue),
  text: narrative(
    `Unit ${issue.unitId} issued to patient ${issue.patientId} on ward ${issue.ward} at ${issue.issuedAt}: ${issue.status}`,
  ),
  identifier: [{ system: SYSTEMS.hemotraceWardIssue, value: `${issue.requestId}:${issue.unitId}` }],
  basedOn: [{ identifier: { system: SYSTEMS.hemotraceRequest, value: issue.requestId } }],
  status: STATUS[issue.status],
  product: { reference: `BiologicallyDerivedProduct/${issue.unitId}` },
  patient: { reference: `Patient/${issue.patientId}` },
  matchStatus: conceptText(
    issue.crossmatched
      ? 'crossmatched compatible'
      : issue.emergencyRelease
        ? 'emergency release without crossmatch'
        : 'not crossmatched',
  ),
  location: {
    identifier: { system: SYSTEMS.hemotraceWard, value: `${issue.hospitalSiteId}/${issue.ward}` },
    display: issue.ward,
  },
  whenHandedOver: issue.issuedAt,
  destination: {
    identifier: { system: SYSTEMS.hemotraceWard, value: `${issue.hospitalSiteId}/${issue.ward}` },
    display: issue.ward,
  },
  note: [annotation(`Hemotrace status ${issue.status} at ${siteReference(issue.hospitalSiteId).display}`)],
});
