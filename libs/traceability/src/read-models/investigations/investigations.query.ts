import { Inject, Injectable } from '@nestjs/common';
import { DONOR_PERSONAL_DATA_ERASED } from '@hemotrace/donors/contracts';
import type { EventStore, Filter, ReadModelStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { Actor } from '@hemotrace/kernel';
import { NotFoundError } from '@hemotrace/kernel';
import type { InvestigationView } from './investigations.projection';
import { INVESTIGATIONS } from './investigations.projection';

export interface InvestigationFilter {
  overdue?: boolean;
  kind?: string;
  status?: string;
  donorId?: string;
  patientId?: string;
  now: string;
}

/** A hospital sees only the investigations that name it as a consignee. */
const visibleTo = (actor: Actor) => (view: InvestigationView) =>
  actor.role !== 'hospital' || view.consigneeSiteIds.includes(actor.siteId);

@Injectable()
export class InvestigationQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async list(filter: InvestigationFilter, actor: Actor): Promise<InvestigationView[]> {
    const where: Filter = {};
    if (filter.overdue) {
      where.status = 'Open';
      where.nextDueBy = { $lt: filter.now };
    }
    if (filter.kind) where.kind = filter.kind;
    if (filter.status && !filter.overdue) where.status = filter.status;
    if (filter.donorId) where.donorId = filter.donorId;
    if (filter.patientId) where.patientId = filter.patientId;
    const found = await this.readModels.find<InvestigationView>(INVESTIGATIONS, where, {
      orderBy: { field: 'openedAt', direction: 'desc' },
      limit: 500,
    });
    return found.filter(visibleTo(actor));
  }

  async get(
    investigationId: string,
    actor: Actor,
  ): Promise<InvestigationView & { donorIdentity?: DonorIdentityStatus }> {
    const view = await this.readModels.get<InvestigationView>(INVESTIGATIONS, investigationId);
    if (!view || !visibleTo(actor)(view)) {
      throw new NotFoundError('TRACE.INVESTIGATION_NOT_FOUND', `No investigation ${investigationId}`, {
        investigationId,
      });
    }
    if (!view.donorId) return view;
    return { ...view, donorIdentity: await this.donorIdentityStatus(view.donorId) };
  }

  /** Read from the donor's traceability stream: a lookback on a shredded donor says so. */
  private async donorIdentityStatus(donorId: string): Promise<DonorIdentityStatus> {
    const events = await this.store.readStream(`Donor-${donorId}`);
    const erased = events.find((e) => e.type === DONOR_PERSONAL_DATA_ERASED);
    if (!erased) return { erased: false };
    const data = erased.data as { erasedAt: string; legalBasis: string };
    return { erased: true, erasedAt: data.erasedAt, legalBasis: data.legalBasis };
  }
}

export type DonorIdentityStatus = { erased: false } | { erased: true; erasedAt: string; legalBasis: string };
