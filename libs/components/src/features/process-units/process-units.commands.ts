import type { CommandContext } from '@hemotrace/auth';
import type { DivideUnitRequest, ModifyUnitRequest, PoolUnitsRequest } from './process-units.requests';

export class DivideUnitCommand {
  constructor(
    readonly unitId: string,
    readonly request: DivideUnitRequest,
    readonly ctx: CommandContext,
  ) {}
}

export class PoolUnitsCommand {
  constructor(
    readonly request: PoolUnitsRequest,
    readonly ctx: CommandContext,
  ) {}
}

export class ModifyUnitCommand {
  constructor(
    readonly unitId: string,
    readonly request: ModifyUnitRequest,
    readonly ctx: CommandContext,
  ) {}
}
