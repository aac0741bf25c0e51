import { businessTimeOr } from '@hemotrace/platform';
import type { BloodGroup } from '@hemotrace/kernel';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { TestingCommandResult } from '../donation-testing.runner';
import { DonationTestingRunner } from '../donation-testing.runner';
import { DonorBloodGroupRecord } from '../donor-blood-group.record';
import { ConcludeTestingCommand } from './conclude-testing.command';

@CommandHandler(ConcludeTestingCommand)
export class ConcludeTestingHandler implements ICommandHandler<ConcludeTestingCommand, TestingCommandResult> {
  constructor(
    private readonly runner: DonationTestingRunner,
    private readonly groups: DonorBloodGroupRecord,
  ) {}

  execute({ din, request, ctx }: ConcludeTestingCommand): Promise<TestingCommandResult> {
    const concludedAt = businessTimeOr(request.concludedAt, ctx.now);
    let groupOnRecord: BloodGroup | null = null;
    return this.runner.run(
      din,
      ctx,
      async ({ profile, donation }) => ({
        type: 'ConcludeTesting',
        din,
        actor: ctx.actor,
        now: ctx.now,
        concludedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        profile,
        groupOnRecord: (groupOnRecord = await this.groups.groupOnRecord(donation.donorId)),
      }),
      concludedAt,
      /* A qualification puts its group on the donor's record in the same append, if the record is still the one it was judged against. */
      ({ donation }) => [this.groups.onQualification(donation.donorId, groupOnRecord)],
    );
  }
}
