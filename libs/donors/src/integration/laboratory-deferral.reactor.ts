import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, NotFoundError } from '@hemotrace/kernel';
import type { IntegrationEvent, IntegrationEventHandler } from '@hemotrace/messaging';
import { ReactionNotCarriedOut, reactionContext } from '@hemotrace/messaging';
import { DeferDonorCommand } from '../features/defer-donor/defer-donor.command';
import type { DonorConfirmedPositiveV1 } from '@hemotrace/laboratory/contracts';
import { DONOR_CONFIRMED_POSITIVE_V1 } from '@hemotrace/laboratory/contracts';

/** Blood Station Technical Operation Procedures 2019: a donor confirmed positive for an infectious marker is deferred for life. */
@Injectable()
export class LaboratoryDeferralReactor implements IntegrationEventHandler {
  readonly name = 'donors.permanent-deferral-on-confirmed-positive';
  readonly contexts = ['laboratory'] as const;
  readonly types = [DONOR_CONFIRMED_POSITIVE_V1];

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const data = event.data as DonorConfirmedPositiveV1;
    const ctx = reactionContext(this.name, event, this.clock.now().toISOString());
    try {
      await this.commandBus.execute(
        new DeferDonorCommand(
          data.donorId,
          'PERMANENT',
          [{ code: `CONFIRMED_POSITIVE_${data.marker}`, detail: `donation ${data.din}` }],
          undefined,
          'LABORATORY',
          ctx,
          data.din,
          data.confirmedAt,
        ),
      );
    } catch (error) {
      /* An unknown donor cannot be deferred; blocking every later event on it would help no one, so it is recorded as ReactionFailed. */
      if (!(error instanceof NotFoundError)) throw error;
      throw new ReactionNotCarriedOut(error, `Confirmed positive for an unknown donor ${data.donorId}`);
    }
  }
}
