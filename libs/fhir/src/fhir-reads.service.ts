import { Inject, Injectable } from '@nestjs/common';
import type { R5 } from '@smile-cdr/fhirts';
import type { UnitView } from '@hemotrace/components';
import { ProductDefinitions, UnitQueries } from '@hemotrace/components';
import { unitStreamId } from '@hemotrace/components/contracts';
import type { EventStore, Filter } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import type { Actor } from '@hemotrace/kernel';
import { InvalidInput, NotFoundError, parseDin, parseUnitId } from '@hemotrace/kernel';
import type { WardIssueView } from '@hemotrace/transfusion';
import { TransfusionQueries } from '@hemotrace/transfusion';
import {
  productStatusOf,
  toBiologicallyDerivedProduct,
} from './resources/biologically-derived-product.mapper';
import { parseDispenseId, toDispense } from './resources/dispense.mapper';
import { toPatient } from './resources/patient.mapper';
import { toProvenance } from './resources/provenance.mapper';
import { SYSTEMS } from './resources/fhir.systems';

export interface Page {
  count: number;
  offset: number;
}

export class FhirResourceNotFound extends NotFoundError {
  constructor(type: string, id: string) {
    super('FHIR.RESOURCE_NOT_FOUND', `${type}/${id} is not known (or not visible to you)`, { type, id });
  }
}

/** `system|value`, `|value` or `value`; a system other than ISBT 128's matches nothing. */
const tokenValue = (token: string, system: string): string | null => {
  const bar = token.indexOf('|');
  if (bar < 0) return token;
  const given = token.slice(0, bar);
  return given === '' || given === system ? token.slice(bar + 1) : null;
};

/** The id part of `Type/id` or a bare id. */
const referenceId = (reference: string, type: string): string =>
  reference.startsWith(`${type}/`) ? reference.slice(type.length + 1) : reference;

/** A hospital sees only what it holds or dispensed; every other reader sees everything. */
const hospitalOf = (viewer: Actor): string | undefined =>
  viewer.role === 'hospital' ? viewer.siteId : undefined;

/** Read-only FHIR views over the read models and the unit streams, with the API's access rules. */
@Injectable()
export class FhirReads {
  constructor(
    private readonly units: UnitQueries,
    private readonly products: ProductDefinitions,
    private readonly transfusion: TransfusionQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private async product(unit: UnitView, now: string): Promise<R5.BiologicallyDerivedProduct> {
    const donation = await this.units.donation(unit.din);
    const definition = this.products.byDescriptionCode(unit.descriptionCode);
    return toBiologicallyDerivedProduct(
      unit,
      {
        collectedAt: donation?.completed?.endedAt,
        storage: definition?.storage,
        productName: definition?.name,
      },
      now,
    );
  }

  async readProduct(id: string, viewer: Actor, now: string): Promise<R5.BiologicallyDerivedProduct> {
    try {
      return await this.product(await this.units.get(id, viewer), now);
    } catch (error) {
      if (error instanceof NotFoundError) throw new FhirResourceNotFound('BiologicallyDerivedProduct', id);
      throw error;
    }
  }

  /** identifier = DIN + product code (or the DIN, or a unit id); biological-source-event = DIN. */
  async searchProducts(
    params: { id?: string; identifier?: string; sourceEvent?: string; status?: string },
    viewer: Actor,
    now: string,
    page: Page,
  ): Promise<R5.BiologicallyDerivedProduct[]> {
    const filter: Filter = {};
    const hospital = hospitalOf(viewer);
    if (hospital) filter.siteId = hospital;
    if (params.id) filter.unitId = params.id;
    if (params.identifier) {
      const value = tokenValue(params.identifier, SYSTEMS.isbt128Identifier);
      if (value === null) return [];
      const compact = value.replace(/\s+/g, '');
      if (compact.length === 21) filter.unitId = `${compact.slice(0, 13)}-${compact.slice(13)}`;
      else if (compact.includes('-')) filter.unitId = parseUnitId(compact).value;
      else filter.din = parseDin(compact).value;
    }
    if (params.sourceEvent) {
      const value = tokenValue(params.sourceEvent, SYSTEMS.isbt128Identifier);
      if (value === null) return [];
      filter.din = parseDin(value).value;
    }
    if (params.status && params.status !== 'available' && params.status !== 'unavailable') {
      throw new InvalidInput('FHIR.INVALID_SEARCH', 'product-status is available or unavailable');
    }
    const found = await this.units.find(filter);
    const matching = found
      .filter((u) => !params.status || productStatusOf(u, now) === params.status)
      .sort((a, b) => a.unitId.localeCompare(b.unitId))
      .slice(page.offset, page.offset + page.count);
    return Promise.all(matching.map((u) => this.product(u, now)));
  }

  private visibleIssue(issue: WardIssueView | undefined, viewer: Actor): issue is WardIssueView {
    const hospital = hospitalOf(viewer);
    return issue !== undefined && (!hospital || issue.hospitalSiteId === hospital);
  }

  async readDispense(id: string, viewer: Actor): Promise<R5.BiologicallyDerivedProductDispense> {
    const key = parseDispenseId(id);
    const [issue] = key ? await this.transfusion.findWardIssues({ unitId: key.unitId }) : [];
    const match = key && issue?.requestId === key.requestId ? issue : undefined;
    if (!this.visibleIssue(match, viewer))
      throw new FhirResourceNotFound('BiologicallyDerivedProductDispense', id);
    return toDispense(match);
  }

  async searchDispenses(
    params: { patient?: string; product?: string },
    viewer: Actor,
    page: Page,
  ): Promise<R5.BiologicallyDerivedProductDispense[]> {
    const filter: Partial<Pick<WardIssueView, 'patientId' | 'unitId' | 'hospitalSiteId'>> = {};
    const hospital = hospitalOf(viewer);
    if (hospital) filter.hospitalSiteId = hospital;
    if (params.patient) filter.patientId = referenceId(params.patient, 'Patient');
    if (params.product) filter.unitId = referenceId(params.product, 'BiologicallyDerivedProduct');
    const issues = await this.transfusion.findWardIssues(filter, { limit: page.count, offset: page.offset });
    return issues.map(toDispense);
  }

  /** From the patient's record, or, for a patient known only from ward issues, from those. */
  async readPatient(id: string, viewer: Actor): Promise<R5.Patient> {
    try {
      return toPatient(await this.transfusion.patientRecord(id, viewer));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    const [issue] = await this.transfusion.findWardIssues({ patientId: id }, { limit: 1 });
    if (!this.visibleIssue(issue, viewer)) throw new FhirResourceNotFound('Patient', id);
    return toPatient(issue);
  }

  /** One Provenance per event recorded on the unit's stream, oldest first. */
  async provenanceOf(target: string, viewer: Actor): Promise<R5.Provenance[]> {
    if (!target.startsWith('BiologicallyDerivedProduct/')) {
      throw new InvalidInput(
        'FHIR.INVALID_SEARCH',
        'Provenance is searched by target=BiologicallyDerivedProduct/<unitId>',
      );
    }
    const unitId = referenceId(target, 'BiologicallyDerivedProduct');
    try {
      await this.units.get(unitId, viewer);
    } catch (error) {
      if (error instanceof NotFoundError) return [];
      throw error;
    }
    const events = await this.store.readStream(unitStreamId(unitId));
    return events.map((event) => toProvenance(event, target));
  }
}
