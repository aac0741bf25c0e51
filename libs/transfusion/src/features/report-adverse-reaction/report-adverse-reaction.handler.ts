import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { newId, parseUnitId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import type { TransfusionProfile } from '../../domain/profile/transfusion-profile';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TRANSFUSION_PROFILE } from '../../transfusion.tokens';
import { TransfusionAccess } from '../shared/transfusion-access';
import { ReportAdverseReactionCommand } from './report-adverse-reaction.command';

@CommandHandler(ReportAdverseReactionCommand)
export class ReportAdverseReactionHandler implements ICommandHandler<ReportAdverseReactionCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
    @Inject(TRANSFUSION_PROFILE) private readonly profile: TransfusionProfile,
  ) {}

  async execute({ requestId, request, ctx }: ReportAdverseReactionCommand) {
    await this.access.request(requestId, ctx.actor);
    const outcome = await this.executor.execute(
      transfusionRequestDecider,
      transfusionRequestStreamId(requestId),
      {
        type: 'ReportAdverseReaction',
        reactionId: newId(),
        unitIds: [...new Set(request.unitIds.map((id) => parseUnitId(id).value))],
        category: request.category,
        onsetAt: new Date(request.onsetAt).toISOString(),
        severity: request.severity,
        imputability: request.imputability,
        description: request.description,
        ...(request.suspectedAgent ? { suspectedAgent: request.suspectedAgent } : {}),
        profile: this.profile,
        actor: ctx.actor,
        now: ctx.now,
      },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}
