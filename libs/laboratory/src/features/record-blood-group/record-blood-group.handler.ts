import { businessTimeOr } from '@hemotrace/platform';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { TestingCommandResult } from '../donation-testing.runner';
import { DonationTestingRunner } from '../donation-testing.runner';
import { DonorBloodGroupRecord } from '../donor-blood-group.record';
import { RecordBloodGroupCommand } from './record-blood-group.command';

@CommandHandler(RecordBloodGroupCommand)
export class RecordBloodGroupHandler implements ICommandHandler<
  RecordBloodGroupCommand,
  TestingCommandResult
> {
  constructor(
    private readonly runner: DonationTestingRunner,
    private readonly groups: DonorBloodGroupRecord,
  ) {}

  execute({ din, request, ctx }: RecordBloodGroupCommand): Promise<TestingCommandResult> {
    const determinedAt = businessTimeOr(request.determinedAt, ctx.now);
    return this.runner.run(
      din,
      ctx,
      async ({ donation }) => ({
        type: 'RecordBloodGroup',
        din,
        actor: ctx.actor,
        now: ctx.now,
        forward: request.forward,
        reverse: request.reverse,
        rhd: request.rhd,
        method: request.method,
        reagentLot: request.reagentLot,
        determinedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        /* The donor's group as the laboratory's own DonorBloodGroup- stream holds it, not a read model. */
        historicalGroup: await this.groups.groupOnRecord(donation.donorId),
      }),
      determinedAt,
    );
  }
}
