import { Inject, Injectable } from '@nestjs/common';
import type { UnitCommand } from '@hemotrace/components';
import { unitDecider, unitStreamId } from '@hemotrace/components';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK } from '@hemotrace/kernel';
import type { IntegrationEvent, IntegrationEventHandler } from '@hemotrace/messaging';
import { contractTypeName, reactionContext } from '@hemotrace/messaging';
import { CommandExecutor } from '@hemotrace/platform';
import type {
  ShipmentDispatchedContract,
  ShipmentReceivedContract,
  UnitReturnedContract,
} from '../contracts/distribution.contracts';
import { SHIPMENT_DISPATCHED, SHIPMENT_RECEIVED, UNIT_RETURNED } from '../contracts/distribution.contracts';

const DISPATCHED = contractTypeName('distribution', SHIPMENT_DISPATCHED, 1);
const RECEIVED = contractTypeName('distribution', SHIPMENT_RECEIVED, 1);
const RETURNED = contractTypeName('distribution', UNIT_RETURNED, 1);

/**
 * Custody follows the shipment: dispatch puts each unit in transit, receipt moves accepted units to
 * the consignee (and discards rejected ones), a return brings the unit back to its blood center.
 * Written on the unit's own stream through the components decider, with the shipment event as cause.
 * Subscribed to distribution's published contracts, so it runs wherever the bus delivers them.
 */
@Injectable()
export class UnitCustodyReactor implements IntegrationEventHandler {
  readonly name = 'distribution.unit-custody';
  readonly contexts = ['distribution'] as const;
  readonly types = [DISPATCHED, RECEIVED, RETURNED];

  constructor(
    private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    for (const [unitId, step, command] of this.commandsFor(event)) {
      const ctx = reactionContext(this.name, event, this.clock.now().toISOString(), step);
      await this.executor.execute(unitDecider, unitStreamId(unitId), command, ctx);
    }
  }

  private commandsFor(event: IntegrationEvent): [string, string, UnitCommand][] {
    if (event.type === DISPATCHED) {
      const d = event.data as ShipmentDispatchedContract;
      return d.unitIds.map((unitId) => [
        unitId,
        'shipped',
        {
          type: 'RecordUnitShipped',
          shipmentId: d.shipmentId,
          fromSiteId: d.fromSiteId,
          toSiteId: d.toSiteId,
          at: d.dispatchedAt,
        },
      ]);
    }
    if (event.type === RECEIVED) {
      const d = event.data as ShipmentReceivedContract;
      const cause = { type: SHIPMENT_RECEIVED, eventId: event.id };
      return d.units.map(({ unitId, accepted, reason }) => [
        unitId,
        'received',
        accepted
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
      ]);
    }
    const d = event.data as UnitReturnedContract;
    const cause = { type: UNIT_RETURNED, eventId: event.id };
    const back: [string, string, UnitCommand] = [
      d.unitId,
      'returned',
      {
        type: 'TransferUnitCustody',
        shipmentId: d.shipmentId,
        fromSiteId: d.fromSiteId,
        toSiteId: d.toSiteId,
        custodianType: 'BLOOD_CENTER',
        via: 'RETURNED',
        at: d.returnedAt,
      },
    ];
    if (d.disposition === 'RESTOCKED') return [back];
    return [
      back,
      [
        d.unitId,
        'discarded',
        {
          type: 'DiscardUnit',
          reason: 'RETURN_OUT_OF_LIMITS',
          note: d.reason,
          cause,
          automatic: true,
          at: d.returnedAt,
        },
      ],
    ];
  }
}
