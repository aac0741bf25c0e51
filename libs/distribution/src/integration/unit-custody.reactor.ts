import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import type { UnitCommand } from '@hemotrace/components';
import { unitDecider, unitStreamId } from '@hemotrace/components';
import type { RecordedEvent, Reactor } from '@hemotrace/event-sourcing';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, systemActor } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import type {
  ShipmentDispatchedContract,
  ShipmentReceivedContract,
  UnitReturnedContract,
} from '../contracts/distribution.contracts';
import { SHIPMENT_DISPATCHED, SHIPMENT_RECEIVED, UNIT_RETURNED } from '../contracts/distribution.contracts';

/**
 * Custody follows the shipment: dispatch puts each unit in transit, receipt moves accepted units to
 * the consignee (and discards rejected ones), a return brings the unit back to its blood center.
 * Written on the unit's own stream through the components decider, with the shipment event as cause.
 */
@Injectable()
export class UnitCustodyReactor implements Reactor {
  readonly name = 'distribution.unit-custody';
  readonly handles = [SHIPMENT_DISPATCHED, SHIPMENT_RECEIVED, UNIT_RETURNED];

  constructor(
    private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    for (const [unitId, step, command] of this.commandsFor(event)) {
      const ctx: CommandContext = {
        actor: systemActor(event.actor.siteId),
        correlationId: event.correlationId,
        causationId: event.eventId,
        commandId: `${this.name}:${event.eventId}:${step}`,
        now: this.clock.now().toISOString(),
      };
      await this.executor.execute(unitDecider, unitStreamId(unitId), command, ctx);
    }
  }

  private commandsFor(event: RecordedEvent): [string, string, UnitCommand][] {
    const cause = { type: event.type, eventId: event.eventId };
    if (event.type === SHIPMENT_DISPATCHED) {
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
    if (event.type === SHIPMENT_RECEIVED) {
      const d = event.data as ShipmentReceivedContract;
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
