import type { CommandContext } from '@hemotrace/auth';
import type { ConcludeTestingRequest } from './conclude-testing.request';

export class ConcludeTestingCommand {
  constructor(
    readonly din: string,
    readonly request: ConcludeTestingRequest,
    readonly ctx: CommandContext,
  ) {}
}
