import { businessTimeOr } from '@hemotrace/platform';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import type { TestingCommandResult } from '../donation-testing.runner';
import { DonationTestingRunner } from '../donation-testing.runner';
import { ReceiveSampleCommand } from './receive-sample.command';

@CommandHandler(ReceiveSampleCommand)
export class ReceiveSampleHandler implements ICommandHandler<ReceiveSampleCommand, TestingCommandResult> {
  constructor(private readonly runner: DonationTestingRunner) {}

  execute({ din, request, ctx }: ReceiveSampleCommand): Promise<TestingCommandResult> {
    const receivedAt = businessTimeOr(request.receivedAt, ctx.now);
    return this.runner.run(
      din,
      ctx,
      ({ donation }) => ({
        type: 'ReceiveSample',
        din,
        actor: ctx.actor,
        now: ctx.now,
        donation,
        labSiteId: request.labSiteId,
        labType: request.labType,
        transportMinutes: request.transportMinutes,
        condition: request.condition,
        receivedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
      }),
      receivedAt,
    );
  }
}
