import type { ICommandHandler } from '@nestjs/cqrs';
import { CommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import { TransfusionAccess } from '../shared/transfusion-access';
import { unitIdFrom } from '../shared/unit-id';
import { IssueUnitToWardCommand } from './issue-unit-to-ward.command';

@CommandHandler(IssueUnitToWardCommand)
export class IssueUnitToWardHandler implements ICommandHandler<IssueUnitToWardCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: TransfusionAccess,
  ) {}

  async execute({ requestId, request, ctx }: IssueUnitToWardCommand) {
    await this.access.request(requestId, ctx.actor);
    const outcome = await this.executor.execute(
      transfusionRequestDecider,
      transfusionRequestStreamId(requestId),
      {
        type: 'IssueUnitToWard',
        unitId: unitIdFrom(request.din, request.productCode),
        ward: request.ward,
        actor: ctx.actor,
        now: ctx.now,
      },
      ctx,
    );
    return outcome.events[0]?.data;
  }
}
