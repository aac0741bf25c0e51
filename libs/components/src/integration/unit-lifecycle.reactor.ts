import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK } from '@hemotrace/kernel';
import type { IntegrationEvent, IntegrationEventHandler } from '@hemotrace/messaging';
import { reactionContext } from '@hemotrace/messaging';
import { CommandExecutor } from '@hemotrace/platform';
import { unitStreamId } from '../contracts/components.contracts';
import type { UnitCommand } from '../domain/unit/unit.decide';
import { unitDecider } from '../domain/unit/unit.decide';
import type {
  ShipmentDispatchedContract,
  ShipmentReceivedContract,
  UnitReturnedContract,
} from '@hemotrace/distribution/contracts';
import {
  SHIPMENT_DISPATCHED_V1,
  SHIPMENT_RECEIVED,
  SHIPMENT_RECEIVED_V1,
  UNIT_RETURNED,
  UNIT_RETURNED_V1,
} from '@hemotrace/distribution/contracts';
import type {
  UnitAllocatedContract,
  UnitReturnedToBloodBankContract,
  UnitTransfusedContract,
  UnitWastedContract,
} from '@hemotrace/transfusion/contracts';
import {
  UNIT_ALLOCATED_V1,
  UNIT_RETURNED_TO_BLOOD_BANK_V1,
  UNIT_TRANSFUSED_V1,
  UNIT_WASTED_V1,
} from '@hemotrace/transfusion/contracts';

const DISPATCHED = SHIPMENT_DISPATCHED_V1;
const RECEIVED = SHIPMENT_RECEIVED_V1;
const RETURNED = UNIT_RETURNED_V1;
const ALLOCATED = UNIT_ALLOCATED_V1;
const BACK_TO_BLOOD_BANK = UNIT_RETURNED_TO_BLOOD_BANK_V1;
const TRANSFUSED = UNIT_TRANSFUSED_V1;
const WASTED = UNIT_WASTED_V1;

/** One command for one unit, and the step that tells it apart from the event's other commands. */
export interface UnitReaction {
  unitId: string;
  step: string;
  command: UnitCommand;
}

/**
 * The unit's lifecycle follows what distribution and the hospital record: dispatch puts each unit
 * on the road, receipt moves accepted units to the consignee (and discards rejected ones), a return
 * brings the unit back to its blood center; allocation, transfusion and waste at the hospital follow.
 * Pure: the same facts give the same commands, whoever runs them (live reactor or demo loader).
 */
export const unitReactionsTo = (event: IntegrationEvent): UnitReaction[] => {
  switch (event.type) {
    case DISPATCHED: {
      const d = event.data as ShipmentDispatchedContract;
      return d.unitIds.map((unitId) => ({
        unitId,
        step: 'shipped',
        command: {
          type: 'RecordUnitShipped',
          shipmentId: d.shipmentId,
          fromSiteId: d.fromSiteId,
          toSiteId: d.toSiteId,
          at: d.dispatchedAt,
        },
      }));
    }
    case RECEIVED: {
      const d = event.data as ShipmentReceivedContract;
      const cause = { type: SHIPMENT_RECEIVED, eventId: event.id };
      return d.units.map(({ unitId, accepted, reason }) => ({
        unitId,
        step: 'received',
        command: accepted
          ? {
              type: 'TransferUnitCustody',
              shipmentId: d.shipmentId,
              fromSiteId: d.fromSiteId,
              toSiteId: d.toSiteId,
              custodianType: d.type === 'HOSPITAL_ISSUE' ? 'HOSPITAL' : 'BLOOD_CENTER',
              via: 'RECEIVED',
              at: d.receivedAt,
            }
          : {
              type: 'DiscardUnit',
              reason: 'REJECTED_ON_RECEIPT',
              note: reason,
              cause,
              automatic: true,
              at: d.receivedAt,
            },
      }));
    }
    case RETURNED: {
      const d = event.data as UnitReturnedContract;
      const back: UnitReaction = {
        unitId: d.unitId,
        step: 'returned',
        command: {
          type: 'TransferUnitCustody',
          shipmentId: d.shipmentId,
          fromSiteId: d.fromSiteId,
          toSiteId: d.toSiteId,
          custodianType: 'BLOOD_CENTER',
          via: 'RETURNED',
          at: d.returnedAt,
        },
      };
      if (d.disposition === 'RESTOCKED') return [back];
      const discard: UnitReaction = {
        unitId: d.unitId,
        step: 'discarded',
        command: {
          type: 'DiscardUnit',
          reason: 'RETURN_OUT_OF_LIMITS',
          note: d.reason,
          cause: { type: UNIT_RETURNED, eventId: event.id },
          automatic: true,
          at: d.returnedAt,
        },
      };
      return [back, discard];
    }
    case ALLOCATED: {
      const d = event.data as UnitAllocatedContract;
      return [
        hospitalUse(event, d.unitId, 'RecordUnitAllocated', d.requestId, d.hospitalSiteId, d.allocatedAt),
      ];
    }
    case BACK_TO_BLOOD_BANK: {
      const d = event.data as UnitReturnedToBloodBankContract;
      return [
        hospitalUse(event, d.unitId, 'RecordAllocationReleased', d.requestId, d.hospitalSiteId, d.returnedAt),
      ];
    }
    case TRANSFUSED: {
      const d = event.data as UnitTransfusedContract;
      return [hospitalUse(event, d.unitId, 'RecordUnitTransfused', d.requestId, d.hospitalSiteId, d.endedAt)];
    }
    case WASTED: {
      const d = event.data as UnitWastedContract;
      const use = hospitalUse(event, d.unitId, 'RecordUnitWasted', d.requestId, d.hospitalSiteId, d.wastedAt);
      return [{ ...use, command: { ...use.command, reason: d.reason } as UnitCommand }];
    }
    default:
      return [];
  }
};

const hospitalUse = (
  event: IntegrationEvent,
  unitId: string,
  type: 'RecordUnitAllocated' | 'RecordAllocationReleased' | 'RecordUnitTransfused' | 'RecordUnitWasted',
  requestId: string,
  hospitalSiteId: string,
  at: string,
): UnitReaction => ({
  unitId,
  step: 'hospital',
  command: {
    type,
    requestId,
    hospitalSiteId,
    cause: { type: event.type.split('.')[1] ?? event.type, eventId: event.id },
    at,
  },
});

/**
 * Components is the one writer of `Unit-` streams: this reactor records on each unit's stream, through
 * the unit decider, what distribution and the hospital report. One handler for both, so a unit's
 * receipt is always decided before its transfusion (log order). Each command id derives from the
 * causing event's id; the decider also knows each custody and hospital fact once, so a replay under
 * another handler name adds nothing either.
 */
@Injectable()
export class UnitLifecycleReactor implements IntegrationEventHandler {
  readonly name = 'components.unit-lifecycle';
  readonly contexts = ['distribution', 'transfusion'] as const;
  readonly types = [DISPATCHED, RECEIVED, RETURNED, ALLOCATED, BACK_TO_BLOOD_BANK, TRANSFUSED, WASTED];

  constructor(
    private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    for (const { unitId, step, command } of unitReactionsTo(event)) {
      const ctx = reactionContext(this.name, event, this.clock.now().toISOString(), step);
      await this.executor.execute(unitDecider, unitStreamId(unitId), command, ctx);
    }
  }
}
