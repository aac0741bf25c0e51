import { businessTimeOr } from '@hemotrace/platform';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { phenotypeFromScan } from '@hemotrace/kernel';
import type { TestingCommandResult } from '../donation-testing.runner';
import { DonationTestingRunner } from '../donation-testing.runner';
import { RecordPhenotypeCommand } from './record-phenotype.command';

@CommandHandler(RecordPhenotypeCommand)
export class RecordPhenotypeHandler implements ICommandHandler<RecordPhenotypeCommand, TestingCommandResult> {
  constructor(private readonly runner: DonationTestingRunner) {}

  execute({ din, request, ctx }: RecordPhenotypeCommand): Promise<TestingCommandResult> {
    const phenotype = phenotypeFromScan(request.phenotype);
    const testedAt = businessTimeOr(request.testedAt, ctx.now);
    return this.runner.run(
      din,
      ctx,
      () => ({
        type: 'RecordPhenotype',
        din,
        actor: ctx.actor,
        now: ctx.now,
        phenotype,
        method: request.method,
        reagentLot: request.reagentLot,
        testedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
      }),
      testedAt,
    );
  }
}
