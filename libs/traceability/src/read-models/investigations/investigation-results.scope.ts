import type { InvestigationResults } from './investigation-results.model';

/**
 * A hospital's copy names only its own site, as its investigation report does: the units sent to
 * it, its own patients (another hospital's patient is never named to it), and no donation or donor.
 */
export const aHospitalReadsOnlyItsOwnUnitsAndPatients = (
  results: InvestigationResults,
  siteId: string,
): InvestigationResults => {
  const units = results.units
    .filter((u) => u.consignees.some((c) => c.siteId === siteId))
    .map((u) => ({
      ...u,
      consignees: u.consignees.filter((c) => c.siteId === siteId),
      recipients: u.recipients.map((r) =>
        r.hospitalSiteId === siteId ? r : { ...r, hospitalSiteId: null, patientId: null, redacted: true },
      ),
    }));
  return {
    ...results,
    donations: [],
    units,
    consignees: results.consignees.filter((c) => c.siteId === siteId),
    recipients: units.flatMap((u) => u.recipients),
    scopedToSite: siteId,
  };
};
