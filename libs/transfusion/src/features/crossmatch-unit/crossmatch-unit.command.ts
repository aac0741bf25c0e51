import type { CommandContext } from '@hemotrace/auth';
import type { CrossmatchUnitRequest } from './crossmatch-unit.request';

export class CrossmatchUnitCommand {
  constructor(
    readonly requestId: string,
    readonly request: CrossmatchUnitRequest,
    readonly ctx: CommandContext,
  ) {}
}
