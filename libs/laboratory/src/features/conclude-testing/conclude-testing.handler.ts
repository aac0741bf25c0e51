import { businessTimeOr } from '@hemotrace/platform';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { TestingCommandResult } from '../donation-testing.runner';
import { DonationTestingRunner } from '../donation-testing.runner';
import { ConcludeTestingCommand } from './conclude-testing.command';

@CommandHandler(ConcludeTestingCommand)
export class ConcludeTestingHandler implements ICommandHandler<ConcludeTestingCommand, TestingCommandResult> {
  constructor(private readonly runner: DonationTestingRunner) {}

  execute({ din, request, ctx }: ConcludeTestingCommand): Promise<TestingCommandResult> {
    const concludedAt = businessTimeOr(request.concludedAt, ctx.now);
    return this.runner.run(
      din,
      ctx,
      ({ profile }) => ({
        type: 'ConcludeTesting',
        din,
        actor: ctx.actor,
        now: ctx.now,
        concludedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        profile,
      }),
      concludedAt,
    );
  }
}
