import type { CommandContext } from '@hemotrace/auth';
import type { CorrectResultRequest } from './correct-result.request';

export class CorrectResultCommand {
  constructor(
    readonly din: string,
    readonly request: CorrectResultRequest,
    readonly ctx: CommandContext,
  ) {}
}
