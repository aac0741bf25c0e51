import type { CommandContext } from '@hemotrace/auth';
import type { PackUnitRequest } from './pack-unit.request';

export class PackUnitCommand {
  constructor(
    readonly shipmentId: string,
    readonly request: PackUnitRequest,
    readonly ctx: CommandContext,
  ) {}
}
