import { Inject, Injectable } from '@nestjs/common';
import type { DonorConfirmedPositiveV1 } from '@hemotrace/laboratory/contracts';
import { DONOR_CONFIRMED_POSITIVE_V1 } from '@hemotrace/laboratory/contracts';
import { CommandBus } from '@nestjs/cqrs';
import { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, DomainError } from '@hemotrace/kernel';
import type { IntegrationBus, IntegrationEvent, IntegrationEventHandler } from '@hemotrace/messaging';
import { INTEGRATION_BUS, ReactionNotCarriedOut, reactionContext } from '@hemotrace/messaging';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { investigationProfile } from '../../domain/investigation/investigation.profiles';
import { markerRequiresLookback } from '../../domain/investigation/investigation.rules';
import { ImpactQueries } from '../../read-models/investigations/impact.query';
import { OpenLookbackCommand } from './open-lookback.command';
import { LINEAGE_PROCESSORS } from '../../read-models/lineage/lineage.processors';

/** On Kafka, how long a reaction waits for the lineage graph to fold its trigger before the bus retries it. */
const GRAPH_WAIT_MS = 10_000;
const GRAPH_POLL_MS = 200;

/** The lineage graph has not folded the confirmed positive yet: retried by the bus, then recorded as ReactionFailed. */
export class LineageBehindError extends Error {
  readonly code = 'TRACE.LINEAGE_BEHIND';
  constructor(din: string, eventId: string) {
    super(`The lineage graph has not yet folded the confirmed positive ${eventId} of donation ${din}`);
    this.name = 'LineageBehindError';
  }
}

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
    private readonly impact: ImpactQueries,
    @Inject(INTEGRATION_BUS) private readonly bus: Pick<IntegrationBus, 'kind'>,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const data = event.data as DonorConfirmedPositiveV1;
    if (!markerRequiresLookback(data.marker, investigationProfile(this.profileId))) return;
    /*
     * The lookback reads the lineage graph: it must include everything up to this event. In one
     * process the catch-up does it; on Kafka the graph is its own consumer group, so the reaction
     * also waits until the graph has folded this confirmed positive and its donation's collection.
     */
    await this.runner.catchUp(LINEAGE_PROCESSORS);
    if (this.bus.kind === 'kafka') await this.untilTheGraphKnows(data.din, event.id);
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

  private async untilTheGraphKnows(din: string, eventId: string): Promise<void> {
    for (let waited = 0; !(await this.impact.knowsConfirmedPositive(din, eventId)); waited += GRAPH_POLL_MS) {
      if (waited >= GRAPH_WAIT_MS) throw new LineageBehindError(din, eventId);
      await new Promise((resolve) => setTimeout(resolve, GRAPH_POLL_MS));
    }
  }
}
