import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DinRegister } from '@hemotrace/collection';
import { planDivision, planModification, planPool } from '../../domain/unit/processing.rules';
import { DivideUnitCommand, ModifyUnitCommand, PoolUnitsCommand } from './process-units.commands';
import { UnitProcessing } from './unit-processing.service';

@CommandHandler(DivideUnitCommand)
export class DivideUnitHandler implements ICommandHandler<DivideUnitCommand> {
  constructor(private readonly processing: UnitProcessing) {}

  async execute({ unitId, request, ctx }: DivideUnitCommand) {
    const parents = await this.processing.parents([unitId], ctx);
    const children = planDivision(
      parents[0],
      request.volumesMl,
      this.processing.context(request.equipmentId, ctx),
    );
    return this.processing.record(parents, children, 'DIVISION', ctx);
  }
}

@CommandHandler(PoolUnitsCommand)
export class PoolUnitsHandler implements ICommandHandler<PoolUnitsCommand> {
  constructor(
    private readonly processing: UnitProcessing,
    private readonly dins: DinRegister,
  ) {}

  async execute({ request, ctx }: PoolUnitsCommand) {
    const parents = await this.processing.parents(request.unitIds, ctx);
    const pool = planPool(parents, request.poolDin, this.processing.context(request.equipmentId, ctx));
    /* ISBT 128: a pool takes a DIN of its own, from the same register as donations. */
    await this.dins.assign(request.poolDin, 'POOL', [...request.unitIds].sort().join('+'), ctx);
    const [view] = await this.processing.record(parents, [pool], 'POOLING', ctx);
    return view;
  }
}

@CommandHandler(ModifyUnitCommand)
export class ModifyUnitHandler implements ICommandHandler<ModifyUnitCommand> {
  constructor(private readonly processing: UnitProcessing) {}

  async execute({ unitId, request, ctx }: ModifyUnitCommand) {
    const parents = await this.processing.parents([unitId], ctx);
    const child = planModification(
      parents[0],
      request.method,
      this.processing.context(request.equipmentId, ctx),
      {
        temperatureC: request.temperatureC,
        volumeMl: request.volumeMl,
      },
    );
    const [view] = await this.processing.record(parents, [child], request.method, ctx);
    return view;
  }
}
