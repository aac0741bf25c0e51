import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Reactor, RecordedEvent } from '@hemotrace/event-sourcing';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, DomainError, systemActor } from '@hemotrace/kernel';
import type { Logger } from '@hemotrace/platform';
import { LOGGER, REGULATORY_PROFILE } from '@hemotrace/platform';
import { investigationProfile } from '../../domain/investigation/investigation.profiles';
import { markerRequiresLookback } from '../../domain/investigation/investigation.rules';
import type { DonorConfirmedPositiveData } from '../../upstream/upstream.contracts';
import { UPSTREAM } from '../../upstream/upstream.contracts';
import { OpenLookbackCommand } from './open-lookback.command';

/** The laboratory confirmed a donor positive for a lookback marker: open the donor's lookback. */
@Injectable()
export class LookbackOnConfirmedPositiveReactor implements Reactor {
  readonly name = 'traceability.lookback-on-confirmed-positive';
  readonly handles = [UPSTREAM.donorConfirmedPositive];

  constructor(
    private readonly commandBus: CommandBus,
    private readonly runner: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(REGULATORY_PROFILE) private readonly profileId: string,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const data = event.data as DonorConfirmedPositiveData;
    if (!markerRequiresLookback(data.marker, investigationProfile(this.profileId))) return;
    /* The lookback reads the lineage graph: it must include everything up to this event. */
    await this.runner.catchUp(['traceability.lineage']);
    try {
      await this.commandBus.execute(
        new OpenLookbackCommand(`LB-${event.eventId}`, data.donorId, data.marker, data.din, event.eventId, {
          actor: systemActor(event.actor.siteId),
          correlationId: event.correlationId,
          causationId: event.eventId,
          commandId: `${this.name}:${event.eventId}`,
          now: this.clock.now().toISOString(),
        }),
      );
    } catch (error) {
      /* A trigger the lineage cannot place (an unknown donor or patient) is logged, not retried forever. */
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ eventId: event.eventId, code: error.code }, 'Investigation not opened');
    }
  }
}
