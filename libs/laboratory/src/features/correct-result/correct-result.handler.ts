import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { TestingCommandResult } from '../donation-testing.runner';
import { DonationTestingRunner } from '../donation-testing.runner';
import { CorrectResultCommand } from './correct-result.command';

@CommandHandler(CorrectResultCommand)
export class CorrectResultHandler implements ICommandHandler<CorrectResultCommand, TestingCommandResult> {
  constructor(private readonly runner: DonationTestingRunner) {}

  execute({ din, request, ctx }: CorrectResultCommand): Promise<TestingCommandResult> {
    return this.runner.run(din, ctx, ({ profile }) => ({
      type: 'CorrectResult',
      din,
      actor: ctx.actor,
      now: ctx.now,
      resultId: request.resultId,
      ...(request.interpretation === undefined ? {} : { interpretation: request.interpretation }),
      ...(request.value === undefined ? {} : { value: request.value }),
      reason: request.reason.trim(),
      verifierUserId: request.verifierUserId,
      profile,
    }));
  }
}
