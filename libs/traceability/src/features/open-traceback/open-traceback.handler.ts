import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { investigationDecider, investigationStreamId } from '../../domain/investigation/investigation.decide';
import { ImpactQueries } from '../../read-models/investigations/impact.query';
import { OpenTracebackCommand } from './open-traceback.command';

@CommandHandler(OpenTracebackCommand)
export class OpenTracebackHandler implements ICommandHandler<OpenTracebackCommand> {
  constructor(
    private readonly impact: ImpactQueries,
    private readonly executor: CommandExecutor,
  ) {}

  async execute(command: OpenTracebackCommand) {
    const reach = await this.impact.traceback(command.patientId);
    const outcome = await this.executor.execute(
      investigationDecider,
      investigationStreamId(command.investigationId),
      {
        type: 'OpenTraceback',
        investigationId: command.investigationId,
        patientId: command.patientId,
        trigger: { eventId: command.triggerEventId, marker: command.marker, reference: command.reference },
        donors: reach.donors,
        units: reach.units,
        now: command.ctx.now,
      },
      command.ctx,
    );
    return {
      investigationId: command.investigationId,
      donors: reach.donors,
      events: outcome.events.map((e) => e.type),
    };
  }
}
