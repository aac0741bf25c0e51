import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { donationStreamId } from '../../contracts/collection.contracts';
import { donationDecider } from '../../domain/donation/donation.decide';
import { dinFrom } from '../din';
import { LabelSampleTubesCommand } from './label-sample-tubes.command';

@CommandHandler(LabelSampleTubesCommand)
export class LabelSampleTubesHandler implements ICommandHandler<LabelSampleTubesCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ din: input, tubeIds, ctx }: LabelSampleTubesCommand) {
    const din = dinFrom(input);
    const outcome = await this.executor.execute(
      donationDecider,
      donationStreamId(din),
      { type: 'LabelSampleTubes', din, tubeIds, at: ctx.now },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}
