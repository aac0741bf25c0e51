import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { newId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { donorStreamId } from '../../contracts/donors.contracts';
import { donorDecider } from '../../domain/donor/donor.decide';
import { DeferDonorCommand } from './defer-donor.command';

@CommandHandler(DeferDonorCommand)
export class DeferDonorHandler implements ICommandHandler<DeferDonorCommand, { deferralId: string | null }> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute(cmd: DeferDonorCommand): Promise<{ deferralId: string | null }> {
    const outcome = await this.executor.execute(
      donorDecider,
      donorStreamId(cmd.donorId),
      {
        type: 'DeferDonor',
        donorId: cmd.donorId,
        deferralId: newId(),
        kind: cmd.kind,
        reasons: cmd.reasons.map((r) =>
          r.detail === undefined ? { code: r.code } : { code: r.code, detail: r.detail },
        ),
        ...(cmd.until === undefined ? {} : { until: new Date(cmd.until).toISOString() }),
        source: cmd.source,
        ...(cmd.din === undefined ? {} : { din: cmd.din }),
        at: cmd.at ?? cmd.ctx.now,
      },
      cmd.ctx,
    );
    const deferred = outcome.events.find((e) => e.type === 'DonorDeferred');
    return { deferralId: deferred ? (deferred.data as { deferralId: string }).deferralId : null };
  }
}
