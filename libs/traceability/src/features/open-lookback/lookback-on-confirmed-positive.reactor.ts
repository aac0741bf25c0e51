import { Inject, Injectable } from '@nestjs/common';
import type { DonorConfirmedPositiveV1 } from '@hemotrace/laboratory/contracts';
import { DONOR_CONFIRMED_POSITIVE_V1 } from '@hemotrace/laboratory/contracts';
import { CommandBus } from '@nestjs/cqrs';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, DomainError } from '@hemotrace/kernel';
import type { IntegrationEvent, IntegrationEventHandler } from '@hemotrace/messaging';
import { ReactionNotCarriedOut, reactionContext } from '@hemotrace/messaging';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { investigationProfile } from '../../domain/investigation/investigation.profiles';
import { markerRequiresLookback } from '../../domain/investigation/investigation.rules';
import { OpenLookbackCommand } from './open-lookback.command';
import { LINEAGE_PROCESSORS } from '../../read-models/lineage/lineage.processors';

/** The laboratory confirmed a donor positive for a lookback marker: open the donor's lookback. */
@Injectable()
export class LookbackOnConfirmedPositiveReactor implements IntegrationEventHandler {
  readonly name = 'traceability.lookback-on-confirmed-positive';
  readonly contexts = ['laboratory'] as const;
  readonly types = [DONOR_CONFIRMED_POSITIVE_V1];

  constructor(
    private readonly commandBus: CommandBus,
    private readonly runner: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGULATORY_PROFILE) private readonly profileId: string,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const data = event.data as DonorConfirmedPositiveV1;
    if (!markerRequiresLookback(data.marker, investigationProfile(this.profileId))) return;
    /* The lookback reads the lineage graph: it must include everything up to this event. */
    await this.runner.catchUp(LINEAGE_PROCESSORS);
    try {
      await this.commandBus.execute(
        new OpenLookbackCommand(
          `LB-${event.id}`,
          data.donorId,
          data.marker,
          data.din,
          event.id,
          reactionContext(this.name, event, this.clock.now().toISOString()),
          data.confirmedAt,
        ),
      );
    } catch (error) {
      /* A trigger the lineage cannot place (an unknown donor or patient) is not retried forever: it is recorded as ReactionFailed. */
      if (!(error instanceof DomainError)) throw error;
      throw new ReactionNotCarriedOut(error, `Investigation not opened: ${error.message}`);
    }
  }
}
