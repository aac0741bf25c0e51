import type { CommandContext } from '@hemotrace/auth';
import type { StoreUnitRequest } from './store-unit.request';

export class StoreUnitCommand {
  constructor(
    readonly unitId: string,
    readonly request: StoreUnitRequest,
    readonly ctx: CommandContext,
  ) {}
}
