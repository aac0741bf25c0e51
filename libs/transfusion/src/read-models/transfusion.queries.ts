import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { Actor } from '@hemotrace/kernel';
import { InvalidInput } from '@hemotrace/kernel';
import type { PersonalDataKeyStore } from '@hemotrace/platform';
import { PERSONAL_DATA_KEYS } from '@hemotrace/platform';
import { PatientNotFound } from '../domain/transfusion.errors';
import type { HospitalUnitView } from './hospital-stock.projection';
import { HOSPITAL_UNITS } from './hospital-stock.projection';
import type { ReactionView } from './haemovigilance.projection';
import { REACTIONS } from './haemovigilance.projection';
import type {
  PatientIdentityDoc,
  PatientIdentityView,
  PatientRecordView,
  WardIssueView,
} from './patient-records.projection';
import { openPatientIdentity } from './patient-identity.keys';
import { PATIENT_IDENTITIES, PATIENT_RECORDS, WARD_ISSUES } from './patient-records.projection';

/** Hospital staff see their own hospital only; auditors and admins see every hospital. */
export const mayAct = (actor: Actor, hospitalSiteId: string): boolean =>
  actor.role === 'admin' || actor.role === 'quality-auditor' || actor.siteId === hospitalSiteId;

export interface HaemovigilanceRegister {
  hospitalSiteId: string | null;
  total: number;
  serious: number;
  reportableToRegulator: number;
  byCategory: Record<string, number>;
  bySeverity: Record<string, number>;
  byImputability: Record<string, number>;
  reactions: ReactionView[];
}

const countBy = <T>(items: T[], key: (item: T) => string): Record<string, number> =>
  items.reduce<Record<string, number>>(
    (acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }),
    {},
  );

@Injectable()
export class TransfusionQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeyStore,
  ) {}

  /** The hospital a read is about: a hospital user's own, or the one an auditor names. */
  siteFor(actor: Actor, requested?: string): string {
    if (actor.role === 'hospital') return actor.siteId;
    if (!requested) {
      throw new InvalidInput('TRANSFUSION.SITE_REQUIRED', 'Name the hospital with ?siteId= (e.g. HOSP-1)');
    }
    return requested;
  }

  async patientRecord(patientId: string, actor: Actor): Promise<PatientRecordView> {
    const record = await this.store.get<PatientRecordView>(PATIENT_RECORDS, patientId);
    if (!record || !mayAct(actor, record.hospitalSiteId)) throw new PatientNotFound(patientId);
    return record;
  }

  async patientIdentity(patientId: string, actor: Actor): Promise<PatientIdentityView> {
    const doc = await this.store.get<PatientIdentityDoc>(PATIENT_IDENTITIES, patientId);
    if (!doc || !mayAct(actor, doc.hospitalSiteId)) throw new PatientNotFound(patientId);
    const identity = await openPatientIdentity(this.keys, doc);
    if (!identity) throw new PatientNotFound(patientId);
    return identity;
  }

  /** Legacy patients only (plaintext MRN in the read model); newer ones hold a PatientMrn- reservation. */
  async patientByMrn(hospitalSiteId: string, mrn: string): Promise<PatientIdentityDoc | null> {
    const [found] = await this.store.find<PatientIdentityDoc>(
      PATIENT_IDENTITIES,
      { hospitalSiteId, mrn },
      { limit: 1 },
    );
    return found ?? null;
  }

  stock(siteId: string, status?: string): Promise<HospitalUnitView[]> {
    return this.store.find<HospitalUnitView>(
      HOSPITAL_UNITS,
      status ? { siteId, hospitalStatus: status } : { siteId },
      { orderBy: { field: 'expiresAt' } },
    );
  }

  unit(unitId: string): Promise<HospitalUnitView | null> {
    return this.store.get<HospitalUnitView>(HOSPITAL_UNITS, unitId);
  }

  wardIssues(siteId: string, ward?: string): Promise<WardIssueView[]> {
    return this.store.find<WardIssueView>(
      WARD_ISSUES,
      ward ? { hospitalSiteId: siteId, ward } : { hospitalSiteId: siteId },
      { orderBy: { field: 'issuedAt', direction: 'desc' } },
    );
  }

  /** Ward issues by patient, unit or hospital (any combination), newest first: what FHIR dispenses show. */
  findWardIssues(
    filter: Partial<Pick<WardIssueView, 'patientId' | 'unitId' | 'hospitalSiteId'>>,
    page: { limit?: number; offset?: number } = {},
  ): Promise<WardIssueView[]> {
    return this.store.find<WardIssueView>(WARD_ISSUES, filter, {
      orderBy: { field: 'issuedAt', direction: 'desc' },
      limit: page.limit,
      offset: page.offset,
    });
  }

  async haemovigilance(siteId: string | null): Promise<HaemovigilanceRegister> {
    const reactions = await this.store.find<ReactionView>(
      REACTIONS,
      siteId ? { hospitalSiteId: siteId } : {},
      { orderBy: { field: 'onsetAt' } },
    );
    return {
      hospitalSiteId: siteId,
      total: reactions.length,
      serious: reactions.filter((r) => r.serious).length,
      reportableToRegulator: reactions.filter((r) => r.reportableToRegulator).length,
      byCategory: countBy(reactions, (r) => r.category),
      bySeverity: countBy(reactions, (r) => String(r.severity)),
      byImputability: countBy(reactions, (r) => r.imputability),
      reactions,
    };
  }
}
