import type { DocumentWriter } from '@hemotrace/event-sourcing';
import type { ContractProjection, IntegrationEvent } from '@hemotrace/messaging';
import type { DonationCompletedV1 } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED_V1 } from '@hemotrace/collection/contracts';
import type {
  UnitPreparedV1,
  UnitQualifiedV1,
  UnitQualityDecisionRecordedV1,
  UnitQuarantinedV1,
  UnitReleasedV1,
} from '@hemotrace/components/contracts';
import {
  UNIT_PREPARED_V1,
  UNIT_QUALIFIED_V1,
  UNIT_QUALITY_DECISION_RECORDED_V1,
  UNIT_QUARANTINED_V1,
  UNIT_RELEASED_V1,
} from '@hemotrace/components/contracts';
import type { ShipmentDispatchedV1 } from '@hemotrace/distribution/contracts';
import { SHIPMENT_DISPATCHED_V1 } from '@hemotrace/distribution/contracts';
import type { DonationQualifiedV1, DonationRejectedV1 } from '@hemotrace/laboratory/contracts';
import { DONATION_QUALIFIED_V1, DONATION_REJECTED_V1 } from '@hemotrace/laboratory/contracts';
import type {
  BedsideCheckPassedV1,
  CrossmatchPerformedV1,
  EmergencyReleaseAuthorizedV1,
  UnitIssuedToWardV1,
  UnitTransfusedV1,
} from '@hemotrace/transfusion/contracts';
import {
  BEDSIDE_CHECK_PASSED_V1,
  CROSSMATCH_PERFORMED_V1,
  EMERGENCY_RELEASE_AUTHORIZED_V1,
  UNIT_ISSUED_TO_WARD_V1,
  UNIT_TRANSFUSED_V1,
} from '@hemotrace/transfusion/contracts';
import type { FindingRule } from '../../domain/conformance/conformance.rules';
import {
  FINDING_RULES,
  hoursBetween,
  preparationLimitHours,
} from '../../domain/conformance/conformance.rules';

export interface Finding {
  id: string;
  rule: FindingRule;
  description: string;
  unitId: string;
  siteId: string;
  at: string;
  recordedAt: string;
  /** The events that prove the finding: the offending event first. */
  eventIds: string[];
  details: Record<string, unknown>;
}

interface DonationFacts {
  id: string;
  collectedAt?: string;
  collectedEventId?: string;
  qualifiedEventId?: string;
  rejectedEventId?: string;
}

interface UnitFacts {
  id: string;
  sourceDins: string[];
  preparedEventId: string;
  groupConfirmedEventId?: string;
  openExcursionHolds: Record<string, string>;
  crossmatched: Record<string, string>;
  emergencyReleased?: string;
  bedsideChecked: Record<string, string>;
}

export const FINDINGS = 'trace_findings';
const DONATIONS = 'trace_conformance_donations';
const UNITS = 'trace_conformance_units';

const TYPES = [
  DONATION_COMPLETED_V1,
  DONATION_QUALIFIED_V1,
  DONATION_REJECTED_V1,
  UNIT_PREPARED_V1,
  UNIT_QUALIFIED_V1,
  UNIT_RELEASED_V1,
  UNIT_QUARANTINED_V1,
  UNIT_QUALITY_DECISION_RECORDED_V1,
  SHIPMENT_DISPATCHED_V1,
  CROSSMATCH_PERFORMED_V1,
  BEDSIDE_CHECK_PASSED_V1,
  UNIT_TRANSFUSED_V1,
  UNIT_ISSUED_TO_WARD_V1,
  EMERGENCY_RELEASE_AUTHORIZED_V1,
];

/** Every contract this projection reads names the site that recorded it. */
const recordedAtSite = (event: IntegrationEvent): string =>
  (event.data as { recordedAtSite: string }).recordedAtSite;

/**
 * Checks every history against the SOP as it is recorded, in global order: what was known when
 * each step was taken decides the finding. Deterministic, so a rebuild gives the same findings.
 * Fed by the contracts of every context a unit passes through, in the log's order.
 */
export class ConformanceProjection implements ContractProjection {
  readonly name = 'traceability.conformance';
  readonly contexts = ['collection', 'laboratory', 'components', 'distribution', 'transfusion'] as const;
  readonly collections = [FINDINGS, DONATIONS, UNITS];
  readonly types = TYPES;
  readonly indexes = { [FINDINGS]: [['at'], ['siteId', 'at']] };

  constructor(private readonly profile: string) {}

  async handle(event: IntegrationEvent, tx: DocumentWriter): Promise<void> {
    switch (event.type) {
      case DONATION_COMPLETED_V1: {
        const d = event.data as DonationCompletedV1;
        const facts = await this.donation(tx, d.din);
        tx.put(DONATIONS, d.din, { ...facts, collectedAt: d.endedAt, collectedEventId: event.id });
        return;
      }
      case DONATION_QUALIFIED_V1: {
        const d = event.data as DonationQualifiedV1;
        tx.put(DONATIONS, d.din, { ...(await this.donation(tx, d.din)), qualifiedEventId: event.id });
        return;
      }
      case DONATION_REJECTED_V1: {
        const d = event.data as DonationRejectedV1;
        tx.put(DONATIONS, d.din, { ...(await this.donation(tx, d.din)), rejectedEventId: event.id });
        return;
      }
      case UNIT_PREPARED_V1:
        return this.prepared(event, tx);
      case UNIT_QUALIFIED_V1: {
        const d = event.data as UnitQualifiedV1;
        return this.updateUnit(tx, d.unitId, (u) => ({ ...u, groupConfirmedEventId: event.id }));
      }
      case UNIT_RELEASED_V1:
        return this.released(event, tx);
      case UNIT_QUARANTINED_V1: {
        const d = event.data as UnitQuarantinedV1;
        if (d.reason !== 'TEMPERATURE_EXCURSION') return;
        return this.updateUnit(tx, d.unitId, (u) => ({
          ...u,
          openExcursionHolds: { ...u.openExcursionHolds, [d.holdId]: event.id },
        }));
      }
      case UNIT_QUALITY_DECISION_RECORDED_V1: {
        const d = event.data as UnitQualityDecisionRecordedV1;
        return this.updateUnit(tx, d.unitId, (u) => {
          const holds = { ...u.openExcursionHolds };
          delete holds[d.holdId];
          return { ...u, openExcursionHolds: holds };
        });
      }
      case SHIPMENT_DISPATCHED_V1: {
        const d = event.data as ShipmentDispatchedV1;
        if (d.type !== 'HOSPITAL_ISSUE') return;
        for (const unitId of d.unitIds) await this.issued(event, tx, unitId);
        return;
      }
      case CROSSMATCH_PERFORMED_V1: {
        const d = event.data as CrossmatchPerformedV1;
        if (d.result !== 'COMPATIBLE') return;
        return this.updateUnit(tx, d.unitId, (u) => ({
          ...u,
          crossmatched: { ...u.crossmatched, [d.patientId]: event.id },
        }));
      }
      case EMERGENCY_RELEASE_AUTHORIZED_V1: {
        const d = event.data as EmergencyReleaseAuthorizedV1;
        return this.updateUnit(tx, d.unitId, (u) => ({ ...u, emergencyReleased: event.id }));
      }
      case BEDSIDE_CHECK_PASSED_V1: {
        const d = event.data as BedsideCheckPassedV1;
        return this.updateUnit(tx, d.unitId, (u) => ({
          ...u,
          bedsideChecked: { ...u.bedsideChecked, [d.patientId]: event.id },
        }));
      }
      case UNIT_ISSUED_TO_WARD_V1: {
        const d = event.data as UnitIssuedToWardV1;
        await this.issued(event, tx, d.unitId);
        await this.crossmatchChecked(event, tx, d.unitId, d.patientId);
        return;
      }
      case UNIT_TRANSFUSED_V1: {
        const d = event.data as UnitTransfusedV1;
        const unit = await tx.get<UnitFacts>(UNITS, d.unitId);
        if (!unit) return;
        await this.qualifiedChecked(event, tx, unit);
        await this.crossmatchChecked(event, tx, d.unitId, d.patientId);
        if (!unit.bedsideChecked[d.patientId]) {
          this.find(
            tx,
            'TRANSFUSED_WITHOUT_BEDSIDE_CHECK',
            event,
            d.unitId,
            [event.id, unit.preparedEventId],
            {
              patientId: d.patientId,
            },
          );
        }
        return;
      }
      default:
        return;
    }
  }

  private async prepared(event: IntegrationEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as UnitPreparedV1;
    const parents = await Promise.all(d.parentUnitIds.map((id) => tx.get<UnitFacts>(UNITS, id)));
    const inherited = parents.every((p) => p?.groupConfirmedEventId) && parents.length > 0;
    tx.put<UnitFacts>(UNITS, d.unitId, {
      id: d.unitId,
      sourceDins: d.sourceDins.length ? d.sourceDins : [d.din],
      preparedEventId: event.id,
      groupConfirmedEventId: inherited ? parents[0]!.groupConfirmedEventId : undefined,
      openExcursionHolds: {},
      crossmatched: {},
      bedsideChecked: {},
    });
    if (d.parentUnitIds.length > 0) return;
    const limit = preparationLimitHours(this.profile, d.productType);
    const donation = await tx.get<DonationFacts>(DONATIONS, d.din);
    if (limit === undefined || !donation?.collectedAt) return;
    const hours = hoursBetween(donation.collectedAt, d.preparedAt);
    if (hours > limit) {
      this.find(tx, 'PREPARED_PAST_TIME_LIMIT', event, d.unitId, [event.id, donation.collectedEventId!], {
        productType: d.productType,
        hoursAfterCollection: Math.round(hours * 10) / 10,
        limitHours: limit,
      });
    }
  }

  private async released(event: IntegrationEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as UnitReleasedV1;
    const unit = await tx.get<UnitFacts>(UNITS, d.unitId);
    if (!unit) return;
    if (unit.groupConfirmedEventId) return;
    const donations = await Promise.all(unit.sourceDins.map((din) => tx.get<DonationFacts>(DONATIONS, din)));
    if (donations.every((x) => x?.qualifiedEventId)) return;
    this.find(tx, 'RELEASED_WITHOUT_CONFIRMED_ABO_RHD', event, d.unitId, [event.id, unit.preparedEventId], {
      sourceDins: unit.sourceDins,
    });
  }

  private async issued(event: IntegrationEvent, tx: DocumentWriter, unitId: string): Promise<void> {
    const unit = await tx.get<UnitFacts>(UNITS, unitId);
    if (!unit) return;
    await this.qualifiedChecked(event, tx, unit);
    const holds = Object.entries(unit.openExcursionHolds);
    if (holds.length > 0) {
      this.find(
        tx,
        'ISSUED_AFTER_EXCURSION_WITHOUT_DECISION',
        event,
        unitId,
        [event.id, ...holds.map(([, e]) => e)],
        {
          holdIds: holds.map(([h]) => h),
        },
      );
    }
  }

  private async qualifiedChecked(
    event: IntegrationEvent,
    tx: DocumentWriter,
    unit: UnitFacts,
  ): Promise<void> {
    const donations = await Promise.all(unit.sourceDins.map((din) => tx.get<DonationFacts>(DONATIONS, din)));
    const unqualified = unit.sourceDins.filter(
      (_, i) => !donations[i]?.qualifiedEventId || donations[i]?.rejectedEventId,
    );
    if (unqualified.length === 0) return;
    const proof = donations.flatMap((x) => (x?.rejectedEventId ? [x.rejectedEventId] : []));
    this.find(
      tx,
      'ISSUED_WITHOUT_QUALIFYING_TEST',
      event,
      unit.id,
      [event.id, unit.preparedEventId, ...proof],
      {
        unqualifiedDins: unqualified,
      },
    );
  }

  private async crossmatchChecked(
    event: IntegrationEvent,
    tx: DocumentWriter,
    unitId: string,
    patientId: string,
  ): Promise<void> {
    const unit = await tx.get<UnitFacts>(UNITS, unitId);
    if (!unit || unit.crossmatched[patientId] || unit.emergencyReleased) return;
    this.find(tx, 'ISSUED_WITHOUT_CROSSMATCH', event, unitId, [event.id, unit.preparedEventId], {
      patientId,
    });
  }

  private find(
    tx: DocumentWriter,
    rule: FindingRule,
    event: IntegrationEvent,
    unitId: string,
    eventIds: string[],
    details: Record<string, unknown>,
  ): void {
    const id = `${rule}|${unitId}|${event.id}`;
    tx.put<Finding>(FINDINGS, id, {
      id,
      rule,
      description: FINDING_RULES[rule],
      unitId,
      siteId: recordedAtSite(event),
      at: event.time,
      recordedAt: event.recordedAt,
      eventIds: [...new Set(eventIds)],
      details,
    });
  }

  private async donation(tx: DocumentWriter, din: string): Promise<DonationFacts> {
    return (await tx.get<DonationFacts>(DONATIONS, din)) ?? { id: din };
  }

  private async updateUnit(
    tx: DocumentWriter,
    unitId: string,
    change: (u: UnitFacts) => UnitFacts,
  ): Promise<void> {
    const unit = await tx.get<UnitFacts>(UNITS, unitId);
    if (unit) tx.put(UNITS, unitId, change(unit));
  }
}
