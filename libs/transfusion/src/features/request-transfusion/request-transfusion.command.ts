import type { CommandContext } from '@hemotrace/auth';
import type { RequestTransfusionRequest } from './request-transfusion.request';

export class RequestTransfusionCommand {
  constructor(
    readonly request: RequestTransfusionRequest,
    readonly ctx: CommandContext,
  ) {}
}
