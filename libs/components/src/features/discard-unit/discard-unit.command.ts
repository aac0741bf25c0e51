import type { CommandContext } from '@hemotrace/auth';
import type { DiscardUnitRequest } from './discard-unit.request';

export class DiscardUnitCommand {
  constructor(
    readonly unitId: string,
    readonly request: DiscardUnitRequest,
    readonly ctx: CommandContext,
  ) {}
}
