import type { CommandContext } from '@hemotrace/auth';
import type { RecallCriteria } from '../../domain/investigation/investigation.events';

export class OpenRecallCommand {
  constructor(
    readonly investigationId: string,
    readonly criteria: RecallCriteria,
    readonly reason: string,
    readonly ctx: CommandContext,
  ) {}
}
