import type { DocumentWriter, Projection, RecordedEvent } from '@hemotrace/event-sourcing';
import type { DonationCompletedContract } from '@hemotrace/collection/contracts';
import { DONATION_COMPLETED } from '@hemotrace/collection/contracts';
import type {
  UnitPreparedContract,
  UnitQualifiedContract,
  UnitQualityDecisionRecordedContract,
  UnitQuarantinedContract,
  UnitReleasedContract,
} from '@hemotrace/components/contracts';
import {
  UNIT_PREPARED,
  UNIT_QUALIFIED,
  UNIT_QUALITY_DECISION_RECORDED,
  UNIT_QUARANTINED,
  UNIT_RELEASED,
} from '@hemotrace/components/contracts';
import type { ShipmentDispatchedContract } from '@hemotrace/distribution/contracts';
import { SHIPMENT_DISPATCHED } from '@hemotrace/distribution/contracts';
import type { DonationQualifiedData, DonationRejectedData } from '@hemotrace/laboratory/contracts';
import { DONATION_QUALIFIED, DONATION_REJECTED } from '@hemotrace/laboratory/contracts';
import type {
  BedsideCheckPassedContract,
  CrossmatchPerformedContract,
  EmergencyReleaseAuthorizedContract,
  UnitIssuedToWardContract,
  UnitTransfusedContract,
} from '@hemotrace/transfusion/contracts';
import {
  BEDSIDE_CHECK_PASSED,
  CROSSMATCH_PERFORMED,
  EMERGENCY_RELEASE_AUTHORIZED,
  UNIT_ISSUED_TO_WARD,
  UNIT_TRANSFUSED,
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

const HANDLES = [
  DONATION_COMPLETED,
  DONATION_QUALIFIED,
  DONATION_REJECTED,
  UNIT_PREPARED,
  UNIT_QUALIFIED,
  UNIT_RELEASED,
  UNIT_QUARANTINED,
  UNIT_QUALITY_DECISION_RECORDED,
  SHIPMENT_DISPATCHED,
  CROSSMATCH_PERFORMED,
  BEDSIDE_CHECK_PASSED,
  UNIT_TRANSFUSED,
  UNIT_ISSUED_TO_WARD,
  EMERGENCY_RELEASE_AUTHORIZED,
];

/**
 * Checks every history against the SOP as it is recorded, in global order: what was known when
 * each step was taken decides the finding. Deterministic, so a rebuild gives the same findings.
 */
export class ConformanceProjection implements Projection {
  readonly name = 'traceability.conformance';
  readonly collections = [FINDINGS, DONATIONS, UNITS];
  readonly handles = HANDLES;
  readonly indexes = { [FINDINGS]: [['at'], ['siteId', 'at']] };

  constructor(private readonly profile: string) {}

  async apply(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    switch (event.type) {
      case DONATION_COMPLETED: {
        const d = event.data as DonationCompletedContract;
        const facts = await this.donation(tx, d.din);
        tx.put(DONATIONS, d.din, { ...facts, collectedAt: d.endedAt, collectedEventId: event.eventId });
        return;
      }
      case DONATION_QUALIFIED: {
        const d = event.data as DonationQualifiedData;
        tx.put(DONATIONS, d.din, { ...(await this.donation(tx, d.din)), qualifiedEventId: event.eventId });
        return;
      }
      case DONATION_REJECTED: {
        const d = event.data as DonationRejectedData;
        tx.put(DONATIONS, d.din, { ...(await this.donation(tx, d.din)), rejectedEventId: event.eventId });
        return;
      }
      case UNIT_PREPARED:
        return this.prepared(event, tx);
      case UNIT_QUALIFIED: {
        const d = event.data as UnitQualifiedContract;
        return this.updateUnit(tx, d.unitId, (u) => ({ ...u, groupConfirmedEventId: event.eventId }));
      }
      case UNIT_RELEASED:
        return this.released(event, tx);
      case UNIT_QUARANTINED: {
        const d = event.data as UnitQuarantinedContract;
        if (d.reason !== 'TEMPERATURE_EXCURSION') return;
        return this.updateUnit(tx, d.unitId, (u) => ({
          ...u,
          openExcursionHolds: { ...u.openExcursionHolds, [d.holdId]: event.eventId },
        }));
      }
      case UNIT_QUALITY_DECISION_RECORDED: {
        const d = event.data as UnitQualityDecisionRecordedContract;
        return this.updateUnit(tx, d.unitId, (u) => {
          const holds = { ...u.openExcursionHolds };
          delete holds[d.holdId];
          return { ...u, openExcursionHolds: holds };
        });
      }
      case SHIPMENT_DISPATCHED: {
        const d = event.data as ShipmentDispatchedContract;
        if (d.type !== 'HOSPITAL_ISSUE') return;
        for (const unitId of d.unitIds) await this.issued(event, tx, unitId);
        return;
      }
      case CROSSMATCH_PERFORMED: {
        const d = event.data as CrossmatchPerformedContract;
        if (d.result !== 'COMPATIBLE') return;
        return this.updateUnit(tx, d.unitId, (u) => ({
          ...u,
          crossmatched: { ...u.crossmatched, [d.patientId]: event.eventId },
        }));
      }
      case EMERGENCY_RELEASE_AUTHORIZED: {
        const d = event.data as EmergencyReleaseAuthorizedContract;
        return this.updateUnit(tx, d.unitId, (u) => ({ ...u, emergencyReleased: event.eventId }));
      }
      case BEDSIDE_CHECK_PASSED: {
        const d = event.data as BedsideCheckPassedContract;
        return this.updateUnit(tx, d.unitId, (u) => ({
          ...u,
          bedsideChecked: { ...u.bedsideChecked, [d.patientId]: event.eventId },
        }));
      }
      case UNIT_ISSUED_TO_WARD: {
        const d = event.data as UnitIssuedToWardContract;
        await this.issued(event, tx, d.unitId);
        await this.crossmatchChecked(event, tx, d.unitId, d.patientId);
        return;
      }
      case UNIT_TRANSFUSED: {
        const d = event.data as UnitTransfusedContract;
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
            [event.eventId, unit.preparedEventId],
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

  private async prepared(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as UnitPreparedContract;
    const parents = await Promise.all(d.parentUnitIds.map((id) => tx.get<UnitFacts>(UNITS, id)));
    const inherited = parents.every((p) => p?.groupConfirmedEventId) && parents.length > 0;
    tx.put<UnitFacts>(UNITS, d.unitId, {
      id: d.unitId,
      sourceDins: d.sourceDins.length ? d.sourceDins : [d.din],
      preparedEventId: event.eventId,
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
      this.find(
        tx,
        'PREPARED_PAST_TIME_LIMIT',
        event,
        d.unitId,
        [event.eventId, donation.collectedEventId!],
        {
          productType: d.productType,
          hoursAfterCollection: Math.round(hours * 10) / 10,
          limitHours: limit,
        },
      );
    }
  }

  private async released(event: RecordedEvent, tx: DocumentWriter): Promise<void> {
    const d = event.data as UnitReleasedContract;
    const unit = await tx.get<UnitFacts>(UNITS, d.unitId);
    if (!unit) return;
    if (unit.groupConfirmedEventId) return;
    const donations = await Promise.all(unit.sourceDins.map((din) => tx.get<DonationFacts>(DONATIONS, din)));
    if (donations.every((x) => x?.qualifiedEventId)) return;
    this.find(
      tx,
      'RELEASED_WITHOUT_CONFIRMED_ABO_RHD',
      event,
      d.unitId,
      [event.eventId, unit.preparedEventId],
      {
        sourceDins: unit.sourceDins,
      },
    );
  }

  private async issued(event: RecordedEvent, tx: DocumentWriter, unitId: string): Promise<void> {
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
        [event.eventId, ...holds.map(([, e]) => e)],
        {
          holdIds: holds.map(([h]) => h),
        },
      );
    }
  }

  private async qualifiedChecked(event: RecordedEvent, tx: DocumentWriter, unit: UnitFacts): Promise<void> {
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
      [event.eventId, unit.preparedEventId, ...proof],
      {
        unqualifiedDins: unqualified,
      },
    );
  }

  private async crossmatchChecked(
    event: RecordedEvent,
    tx: DocumentWriter,
    unitId: string,
    patientId: string,
  ): Promise<void> {
    const unit = await tx.get<UnitFacts>(UNITS, unitId);
    if (!unit || unit.crossmatched[patientId] || unit.emergencyReleased) return;
    this.find(tx, 'ISSUED_WITHOUT_CROSSMATCH', event, unitId, [event.eventId, unit.preparedEventId], {
      patientId,
    });
  }

  private find(
    tx: DocumentWriter,
    rule: FindingRule,
    event: RecordedEvent,
    unitId: string,
    eventIds: string[],
    details: Record<string, unknown>,
  ): void {
    const id = `${rule}|${unitId}|${event.eventId}`;
    tx.put<Finding>(FINDINGS, id, {
      id,
      rule,
      description: FINDING_RULES[rule],
      unitId,
      siteId: event.actor.siteId,
      at: event.occurredAt,
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
