import type { CommandContext } from '@hemotrace/auth';
import type { PrepareComponentRequest } from './prepare-component.request';

export class PrepareComponentCommand {
  constructor(
    readonly request: PrepareComponentRequest,
    readonly ctx: CommandContext,
  ) {}
}
