import { Inject, Injectable } from '@nestjs/common';
import type { TransfusionTransmittedInfectionSuspectedV1 } from '@hemotrace/transfusion/contracts';
import { TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED_V1 } from '@hemotrace/transfusion/contracts';
import { CommandBus } from '@nestjs/cqrs';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, DomainError } from '@hemotrace/kernel';
import type { IntegrationEvent, IntegrationEventHandler } from '@hemotrace/messaging';
import { ReactionNotCarriedOut, reactionContext } from '@hemotrace/messaging';
import { OpenTracebackCommand } from './open-traceback.command';
import { LINEAGE_PROCESSORS } from '../../read-models/lineage/lineage.processors';

/** A hospital suspects a transfusion-transmitted infection: trace back to every donor of the patient. */
@Injectable()
export class TracebackOnSuspectedInfectionReactor implements IntegrationEventHandler {
  readonly name = 'traceability.traceback-on-suspected-infection';
  readonly contexts = ['transfusion'] as const;
  readonly types = [TRANSFUSION_TRANSMITTED_INFECTION_SUSPECTED_V1];

  constructor(
    private readonly commandBus: CommandBus,
    private readonly runner: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const data = event.data as TransfusionTransmittedInfectionSuspectedV1;
    if (!data.patientId) return;
    await this.runner.catchUp(LINEAGE_PROCESSORS);
    try {
      await this.commandBus.execute(
        new OpenTracebackCommand(
          `TB-${event.id}`,
          data.patientId,
          data.suspectedAgent ?? null,
          data.reactionId ?? null,
          event.id,
          reactionContext(this.name, event, this.clock.now().toISOString()),
        ),
      );
    } catch (error) {
      /* A trigger the lineage cannot place (an unknown donor or patient) is logged, not retried forever. */
      if (!(error instanceof DomainError)) throw error;
      throw new ReactionNotCarriedOut(error, `Investigation not opened: ${error.message}`);
    }
  }
}
