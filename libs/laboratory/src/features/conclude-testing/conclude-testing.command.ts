import type { CommandContext } from '@hemotrace/auth';

export class ConcludeTestingCommand {
  constructor(
    readonly din: string,
    readonly ctx: CommandContext,
  ) {}
}
