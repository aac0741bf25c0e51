import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, DomainError } from '@hemotrace/kernel';
import type { IntegrationEvent, IntegrationEventHandler } from '@hemotrace/messaging';
import { contractTypeName, ReactionNotCarriedOut, reactionContext } from '@hemotrace/messaging';
import { UPSTREAM } from '../../upstream/upstream.contracts';
import { OpenTracebackCommand } from './open-traceback.command';

/** transfusion.TransfusionTransmittedInfectionSuspected (libs/transfusion/src/contracts). */
interface SuspectedInfectionData {
  reactionId?: string;
  patientId?: string;
  suspectedAgent?: string;
  marker?: string;
  reportId?: string;
}

/** A hospital suspects a transfusion-transmitted infection: trace back to every donor of the patient. */
@Injectable()
export class TracebackOnSuspectedInfectionReactor implements IntegrationEventHandler {
  readonly name = 'traceability.traceback-on-suspected-infection';
  readonly contexts = ['transfusion'] as const;
  readonly types = [contractTypeName('transfusion', UPSTREAM.transfusionTransmittedInfectionSuspected, 1)];

  constructor(
    private readonly commandBus: CommandBus,
    private readonly runner: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const data = event.data as SuspectedInfectionData;
    if (!data.patientId) return;
    await this.runner.catchUp(['traceability.lineage.v2']);
    try {
      await this.commandBus.execute(
        new OpenTracebackCommand(
          `TB-${event.id}`,
          data.patientId,
          data.suspectedAgent ?? data.marker ?? null,
          data.reactionId ?? data.reportId ?? null,
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
