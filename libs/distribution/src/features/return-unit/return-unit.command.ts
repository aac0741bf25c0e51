import type { CommandContext } from '@hemotrace/auth';
import type { ReturnUnitRequest } from './return-unit.request';

export class ReturnUnitCommand {
  constructor(
    readonly shipmentId: string,
    readonly request: ReturnUnitRequest,
    readonly ctx: CommandContext,
  ) {}
}
