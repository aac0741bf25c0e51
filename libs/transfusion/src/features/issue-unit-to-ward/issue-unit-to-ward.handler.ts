import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, businessTimeOr } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { TransfusionAccess } from '../shared/transfusion-access';
import { unitIdFrom } from '../shared/unit-id';
import { IssueUnitToWardCommand } from './issue-unit-to-ward.command';

@CommandHandler(IssueUnitToWardCommand)
export class IssueUnitToWardHandler implements ICommandHandler<IssueUnitToWardCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ requestId, request, ctx }: IssueUnitToWardCommand) {
    const issuedAt = businessTimeOr(request.issuedAt, ctx.now);
    await this.access.request(requestId, ctx.actor);
    const outcome = await this.executor.execute(
      transfusionRequestDecider,
      transfusionRequestStreamId(requestId),
      {
        type: 'IssueUnitToWard',
        unitId: unitIdFrom(request.din, request.productCode),
        ward: request.ward,
        occurredAt: issuedAt,
        ...(request.lateEntryReason === undefined ? {} : { lateEntryReason: request.lateEntryReason }),
        timePolicy: this.profile.businessTime,
        actor: ctx.actor,
        now: ctx.now,
      },
      { ...ctx, now: issuedAt },
    );
    return outcome.events[0]?.data;
  }
}
