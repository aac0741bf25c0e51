import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import type { RecordedEvent, Reactor } from '@hemotrace/event-sourcing';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, systemActor } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { unitStreamId } from '../contracts/components.contracts';
import type { TemperatureExcursionReportedData } from '../domain/equipment/equipment.events';
import { unitDecider } from '../domain/unit/unit.decide';
import { UnitQueries } from '../read-models/unit.queries';
import { equipmentKey } from '../read-models/units.projection';

/** A reaction to this context's own event, followed on the local log. */
const reactionContext = (name: string, event: RecordedEvent, clock: Clock): CommandContext => ({
  actor: systemActor(event.actor.siteId),
  correlationId: event.correlationId,
  causationId: event.eventId,
  commandId: `${name}:${event.eventId}`,
  now: clock.now().toISOString(),
});

/** GB 18469 / 21 CFR 606.171: every unit stored in equipment during an excursion is held until a quality decision. */
@Injectable()
export class ExcursionQuarantineReactor implements Reactor {
  readonly name = 'components.excursion-quarantine';
  readonly handles = ['TemperatureExcursionReported'];

  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const d = event.data as TemperatureExcursionReportedData;
    const ctx = reactionContext(this.name, event, this.clock);
    const affected = await this.units.storedDuring(
      equipmentKey(d.siteId, d.equipmentId),
      d.startedAt,
      d.endedAt,
    );
    for (const unitId of affected) {
      await this.executor.execute(
        unitDecider,
        unitStreamId(unitId),
        {
          type: 'QuarantineUnit',
          holdId: d.excursionId,
          reason: 'TEMPERATURE_EXCURSION',
          cause: { type: event.type, eventId: event.eventId, reference: d.excursionId },
          at: ctx.now,
        },
        ctx,
      );
    }
  }
}
