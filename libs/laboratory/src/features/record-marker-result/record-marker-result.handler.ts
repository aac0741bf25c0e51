import { businessTimeOr } from '@hemotrace/platform';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { newId } from '@hemotrace/kernel';
import type { TestingCommandResult } from '../donation-testing.runner';
import { DonationTestingRunner } from '../donation-testing.runner';
import { RecordMarkerResultCommand } from './record-marker-result.command';

@CommandHandler(RecordMarkerResultCommand)
export class RecordMarkerResultHandler implements ICommandHandler<
  RecordMarkerResultCommand,
  TestingCommandResult
> {
  constructor(private readonly runner: DonationTestingRunner) {}

  execute({ din, request, ctx }: RecordMarkerResultCommand): Promise<TestingCommandResult> {
    const testedAt = businessTimeOr(request.testedAt, ctx.now);
    return this.runner.run(
      din,
      ctx,
      ({ profile }) => ({
        type: 'RecordMarkerResult',
        din,
        actor: ctx.actor,
        now: ctx.now,
        resultId: newId(),
        marker: request.marker,
        method: request.method,
        reagent: { manufacturer: request.reagent.manufacturer.trim(), lot: request.reagent.lot },
        ...(request.instrument === undefined ? {} : { instrument: request.instrument }),
        ...(request.value === undefined ? {} : { value: request.value }),
        ...(request.interpretation === undefined ? {} : { interpretation: request.interpretation }),
        ...(request.poolId === undefined ? {} : { poolId: request.poolId }),
        testedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        profile,
      }),
      testedAt,
    );
  }
}
