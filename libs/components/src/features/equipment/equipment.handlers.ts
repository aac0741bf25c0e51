import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newId } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { equipmentStreamId } from '../../contracts/components.contracts';
import { equipmentDecider, EquipmentNotFound } from '../../domain/equipment/equipment.decide';
import { RegisterEquipmentCommand, ReportExcursionCommand } from './equipment.commands';

@CommandHandler(RegisterEquipmentCommand)
export class RegisterEquipmentHandler implements ICommandHandler<RegisterEquipmentCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ request, ctx }: RegisterEquipmentCommand) {
    const siteId = ctx.actor.siteId;
    const outcome = await this.executor.execute(
      equipmentDecider,
      equipmentStreamId(siteId, request.equipmentId),
      { type: 'RegisterEquipment', siteId, ...request, at: ctx.now },
      ctx,
    );
    return outcome.state;
  }
}

@CommandHandler(ReportExcursionCommand)
export class ReportExcursionHandler implements ICommandHandler<ReportExcursionCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ equipmentId, request, ctx }: ReportExcursionCommand) {
    const streamId = equipmentStreamId(ctx.actor.siteId, equipmentId);
    const { exists } = await this.executor.load(equipmentDecider, streamId);
    if (!exists) throw new EquipmentNotFound(equipmentId);
    const excursionId = newId();
    await this.executor.execute(
      equipmentDecider,
      streamId,
      { type: 'ReportTemperatureExcursion', excursionId, ...request, at: ctx.now },
      ctx,
    );
    return { excursionId, equipmentId, siteId: ctx.actor.siteId, ...request };
  }
}
