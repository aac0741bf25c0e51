import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ExpireUnitsCommand } from './expire-units.command';
import { UnitExpiry } from './unit-expiry.service';

/** Records UnitExpired for every unit of the caller's site whose expiry has passed. */
@CommandHandler(ExpireUnitsCommand)
export class ExpireUnitsHandler implements ICommandHandler<ExpireUnitsCommand> {
  constructor(private readonly expiry: UnitExpiry) {}

  async execute({ ctx }: ExpireUnitsCommand) {
    const expired = await this.expiry.expireDue({
      now: ctx.now,
      siteId: ctx.actor.siteId,
      context: () => ctx,
    });
    return { expired };
  }
}
