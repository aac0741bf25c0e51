import { businessTimeOr } from '@hemotrace/platform';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { TestingCommandResult } from '../donation-testing.runner';
import { DonationTestingRunner } from '../donation-testing.runner';
import { RecordAntibodyScreenCommand } from './record-antibody-screen.command';

@CommandHandler(RecordAntibodyScreenCommand)
export class RecordAntibodyScreenHandler implements ICommandHandler<
  RecordAntibodyScreenCommand,
  TestingCommandResult
> {
  constructor(private readonly runner: DonationTestingRunner) {}

  execute({ din, request, ctx }: RecordAntibodyScreenCommand): Promise<TestingCommandResult> {
    const testedAt = businessTimeOr(request.testedAt, ctx.now);
    return this.runner.run(
      din,
      ctx,
      () => ({
        type: 'RecordAntibodyScreen',
        din,
        actor: ctx.actor,
        now: ctx.now,
        result: request.result,
        ...(request.identifiedAntibodies ? { identifiedAntibodies: request.identifiedAntibodies } : {}),
        method: request.method,
        reagentLot: request.reagentLot,
        testedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
      }),
      testedAt,
    );
  }
}
