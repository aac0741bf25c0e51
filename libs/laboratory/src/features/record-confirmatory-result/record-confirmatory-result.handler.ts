import { businessTimeOr } from '@hemotrace/platform';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { TestingCommandResult } from '../donation-testing.runner';
import { DonationTestingRunner } from '../donation-testing.runner';
import { RecordConfirmatoryResultCommand } from './record-confirmatory-result.command';

@CommandHandler(RecordConfirmatoryResultCommand)
export class RecordConfirmatoryResultHandler implements ICommandHandler<
  RecordConfirmatoryResultCommand,
  TestingCommandResult
> {
  constructor(private readonly runner: DonationTestingRunner) {}

  execute({ din, request, ctx }: RecordConfirmatoryResultCommand): Promise<TestingCommandResult> {
    const testedAt = businessTimeOr(request.testedAt, ctx.now);
    return this.runner.run(
      din,
      ctx,
      ({ profile }) => ({
        type: 'RecordConfirmatoryResult',
        din,
        actor: ctx.actor,
        now: ctx.now,
        marker: request.marker,
        method: request.method,
        reagent: { manufacturer: request.reagent.manufacturer.trim(), lot: request.reagent.lot },
        result: request.result,
        testedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        profile,
      }),
      testedAt,
    );
  }
}
