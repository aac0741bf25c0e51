import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { NotFoundError, PermissionDenied } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { investigationDecider, investigationStreamId } from '../../domain/investigation/investigation.decide';
import { RecordInvestigationStepCommand } from './record-investigation-step.command';

@CommandHandler(RecordInvestigationStepCommand)
export class RecordInvestigationStepHandler implements ICommandHandler<RecordInvestigationStepCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ investigationId, step, ctx }: RecordInvestigationStepCommand) {
    const streamId = investigationStreamId(investigationId);
    const { exists } = await this.executor.load(investigationDecider, streamId);
    if (!exists) {
      throw new NotFoundError('TRACE.INVESTIGATION_NOT_FOUND', `No investigation ${investigationId}`, {
        investigationId,
      });
    }
    /* A hospital answers for itself only. */
    if (ctx.actor.role === 'hospital' && 'siteId' in step && step.siteId !== ctx.actor.siteId) {
      throw new PermissionDenied(
        'TRACE.NOT_YOUR_SITE',
        `Site ${ctx.actor.siteId} may not record for ${step.siteId}`,
        {
          siteId: step.siteId,
        },
      );
    }
    const outcome = await this.executor.execute(investigationDecider, streamId, step, ctx);
    return { investigationId, events: outcome.events.map((e) => e.type), version: outcome.version };
  }
}
