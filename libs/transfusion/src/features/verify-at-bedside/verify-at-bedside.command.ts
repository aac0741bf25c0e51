import type { CommandContext } from '@hemotrace/auth';
import type { VerifyAtBedsideRequest } from './verify-at-bedside.request';

export class VerifyAtBedsideCommand {
  constructor(
    readonly requestId: string,
    readonly request: VerifyAtBedsideRequest,
    readonly ctx: CommandContext,
  ) {}
}
