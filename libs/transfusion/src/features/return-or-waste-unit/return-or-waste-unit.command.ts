import type { CommandContext } from '@hemotrace/auth';
import type { ReturnUnitRequest, WasteUnitRequest } from './return-or-waste-unit.request';

export class ReturnUnitCommand {
  constructor(
    readonly requestId: string,
    readonly unitId: string,
    readonly request: ReturnUnitRequest,
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
