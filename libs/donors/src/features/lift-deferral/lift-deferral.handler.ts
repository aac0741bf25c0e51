import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { donorStreamId } from '../../contracts/donors.contracts';
import { donorDecider } from '../../domain/donor/donor.decide';
import { LiftDeferralCommand } from './lift-deferral.command';

@CommandHandler(LiftDeferralCommand)
export class LiftDeferralHandler implements ICommandHandler<LiftDeferralCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute(cmd: LiftDeferralCommand): Promise<{ deferralId: string; liftedAt: string }> {
    await this.executor.execute(
      donorDecider,
      donorStreamId(cmd.donorId),
      {
        type: 'LiftDeferral',
        donorId: cmd.donorId,
        deferralId: cmd.deferralId,
        reason: cmd.reason,
        at: cmd.ctx.now,
      },
      cmd.ctx,
    );
    return { deferralId: cmd.deferralId, liftedAt: cmd.ctx.now };
  }
}
