import type { CommandContext } from '@hemotrace/auth';
import type { ReceiveSampleRequest } from './receive-sample.request';

export class ReceiveSampleCommand {
  constructor(
    readonly din: string,
    readonly request: ReceiveSampleRequest,
    readonly ctx: CommandContext,
  ) {}
}
