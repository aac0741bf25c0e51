import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import type { RecordedEvent, Reactor } from '@hemotrace/event-sourcing';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, systemActor } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { unitStreamId } from '../contracts/components.contracts';
import type { UnitCommand } from '../domain/unit/unit.decide';
import { unitDecider } from '../domain/unit/unit.decide';
import { UnitQueries } from '../read-models/unit.queries';
import type { DonationQualifiedContract, DonationRejectedContract } from './upstream.contracts';
import { DONATION_QUALIFIED, DONATION_REJECTED } from './upstream.contracts';

export const reactionContext = (name: string, event: RecordedEvent, clock: Clock): CommandContext => ({
  actor: systemActor(event.actor.siteId),
  correlationId: event.correlationId,
  causationId: event.eventId,
  commandId: `${name}:${event.eventId}`,
  now: clock.now().toISOString(),
});

/**
 * The laboratory's conclusion decides every unit of the donation: qualified -> released (unless a
 * quarantine hold is open), rejected -> discarded with the reactive markers. Each carries its cause.
 */
@Injectable()
export class LaboratoryOutcomeReactor implements Reactor {
  readonly name = 'components.laboratory-outcome';
  readonly handles = [DONATION_QUALIFIED, DONATION_REJECTED];

  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const ctx = reactionContext(this.name, event, this.clock);
    const cause = { type: event.type, eventId: event.eventId };
    let command: UnitCommand;
    let din: string;
    if (event.type === DONATION_QUALIFIED) {
      const d = event.data as DonationQualifiedContract;
      din = d.din;
      command = { type: 'QualifyUnit', bloodGroup: d.bloodGroup, phenotype: d.phenotype, cause, at: ctx.now };
    } else {
      const d = event.data as DonationRejectedContract;
      din = d.din;
      command = {
        type: 'DiscardUnit',
        reason: 'DONATION_REJECTED',
        note: d.reactiveMarkers.join(','),
        cause,
        automatic: true,
        at: ctx.now,
      };
    }
    for (const unit of await this.units.find({ din })) {
      await this.executor.execute(unitDecider, unitStreamId(unit.unitId), command, ctx);
    }
  }
}
