import type { UnitLifecycle } from '../lineage/lineage.model';
import type { InvestigationView } from './investigations.projection';

export interface ResultDonation {
  din: string;
  /** The donor's pseudonymous reference, never their identity. */
  donorId: string | null;
  /** Business time of the collection (end of the donation). */
  collectedAt: string | null;
  siteId: string | null;
}

export interface ResultConsignment {
  siteId: string;
  shipmentId: string;
  shipmentType: string | null;
  dispatchedAt: string;
}

/** A recipient as the transfusion context records them: a patient id scoped by its hospital. */
export interface ResultRecipient {
  unitId: string;
  hospitalSiteId: string | null;
  /** Null when the reader may not see another hospital's patient. */
  patientId: string | null;
  redacted: boolean;
  startedAt: string;
  endedAt: string | null;
}

export interface ResultUnit {
  unitId: string;
  din: string | null;
  sourceDins: string[];
  productCode: string | null;
  productType: string | null;
  /** How it came from its parents: SEPARATION from the donation, DIVISION, POOLING or a modification. */
  method: string | null;
  parentUnitIds: string[];
  preparedAt: string | null;
  expiresAt: string | null;
  /** Where it stands now, from the lineage read model. */
  lifecycle: UnitLifecycle;
  custodianSiteId: string | null;
  consignees: ResultConsignment[];
  recipients: ResultRecipient[];
}

export interface InvestigationResults {
  investigationId: string;
  kind: InvestigationView['kind'];
  donations: ResultDonation[];
  units: ResultUnit[];
  consignees: { siteId: string; unitIds: string[] }[];
  recipients: ResultRecipient[];
  /** The reader's hospital when the reader is a hospital: only its own units and patients are listed. */
  scopedToSite: string | null;
}
