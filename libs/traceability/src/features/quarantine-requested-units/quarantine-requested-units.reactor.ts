import { Inject, Injectable } from '@nestjs/common';
import type { Reactor, RecordedEvent } from '@hemotrace/event-sourcing';
import { unitDecider, unitStreamId } from '@hemotrace/components';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, DomainError, systemActor } from '@hemotrace/kernel';
import type { Logger } from '@hemotrace/platform';
import { CommandExecutor, LOGGER } from '@hemotrace/platform';
import type { UnitQuarantineRequested } from '../../domain/investigation/investigation.events';

/**
 * Carries out an investigation's quarantine requests through the components context's public
 * unit decider: one hold per investigation (holdId = investigation id, reason RECALL), so the unit
 * leaves quarantine only by a recorded quality decision on that hold.
 */
@Injectable()
export class QuarantineRequestedUnitsReactor implements Reactor {
  readonly name = 'traceability.quarantine-requested-units';
  readonly handles = ['UnitQuarantineRequested'];

  constructor(
    private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const d = event.data as UnitQuarantineRequested;
    try {
      await this.executor.execute(
        unitDecider,
        unitStreamId(d.unitId),
        {
          type: 'QuarantineUnit',
          holdId: d.investigationId,
          reason: 'RECALL',
          cause: { type: event.type, eventId: event.eventId, reference: d.investigationId },
          at: this.clock.now().toISOString(),
        },
        {
          actor: systemActor(event.actor.siteId),
          correlationId: event.correlationId,
          causationId: event.eventId,
          commandId: `${this.name}:${event.eventId}`,
          now: this.clock.now().toISOString(),
        },
      );
    } catch (error) {
      /* A unit the components context does not hold (or no longer can hold) stays on the investigation's list. */
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ unitId: d.unitId, code: error.code }, 'Quarantine request not carried out');
    }
  }
}
