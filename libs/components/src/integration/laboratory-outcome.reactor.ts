import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK } from '@hemotrace/kernel';
import type { IntegrationEvent, IntegrationEventHandler } from '@hemotrace/messaging';
import { reactionContext } from '@hemotrace/messaging';
import { CommandExecutor } from '@hemotrace/platform';
import { unitStreamId } from '../contracts/components.contracts';
import { unitCommandOnConclusion } from '../domain/unit/laboratory-conclusion';
import { unitDecider } from '../domain/unit/unit.decide';
import { UnitQueries } from '../read-models/unit.queries';
import type { DonationQualifiedContract, DonationRejectedContract } from '@hemotrace/laboratory/contracts';
import {
  DONATION_QUALIFIED,
  DONATION_QUALIFIED_V1,
  DONATION_REJECTED,
  DONATION_REJECTED_V1,
} from '@hemotrace/laboratory/contracts';

const QUALIFIED = DONATION_QUALIFIED_V1;
const REJECTED = DONATION_REJECTED_V1;

/**
 * The laboratory's conclusion decides every unit of the donation: qualified -> released (unless a
 * quarantine hold is open), rejected -> discarded with the reactive markers. Each carries its cause.
 * Subscribed on the integration bus: in process, or over Kafka from the laboratory service.
 */
@Injectable()
export class LaboratoryOutcomeReactor implements IntegrationEventHandler {
  readonly name = 'components.laboratory-outcome';
  readonly contexts = ['laboratory'] as const;
  readonly types = [QUALIFIED, REJECTED];

  constructor(
    private readonly executor: CommandExecutor,
    private readonly units: UnitQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const ctx = reactionContext(this.name, event, this.clock.now().toISOString());
    const qualified = event.type === QUALIFIED;
    const d = event.data as DonationQualifiedContract | DonationRejectedContract;
    const din = d.din;
    const command = unitCommandOnConclusion(
      qualified
        ? {
            outcome: 'QUALIFIED',
            bloodGroup: (d as DonationQualifiedContract).bloodGroup,
            phenotype: (d as DonationQualifiedContract).phenotype,
            cause: { type: DONATION_QUALIFIED, eventId: event.id },
          }
        : {
            outcome: 'REJECTED',
            reactiveMarkers: (d as DonationRejectedContract).reactiveMarkers,
            cause: { type: DONATION_REJECTED, eventId: event.id },
          },
      ctx.now,
    );
    for (const unit of await this.units.find({ din })) {
      await this.executor.execute(unitDecider, unitStreamId(unit.unitId), command, ctx);
    }
  }
}
