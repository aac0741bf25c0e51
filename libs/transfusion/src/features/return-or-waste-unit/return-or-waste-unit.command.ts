import type { CommandContext } from '@hemotrace/auth';
import type { WardReturnRequest, WasteUnitRequest } from './return-or-waste-unit.request';

export class ReturnUnitCommand {
  constructor(
    readonly requestId: string,
    readonly unitId: string,
    readonly request: WardReturnRequest,
    readonly ctx: CommandContext,
  ) {}
}

export class WasteUnitCommand {
  constructor(
    readonly requestId: string,
    readonly unitId: string,
    readonly request: WasteUnitRequest,
    readonly ctx: CommandContext,
  ) {}
}
