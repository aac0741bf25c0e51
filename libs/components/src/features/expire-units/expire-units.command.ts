import type { CommandContext } from '@hemotrace/auth';

export class ExpireUnitsCommand {
  constructor(readonly ctx: CommandContext) {}
}
