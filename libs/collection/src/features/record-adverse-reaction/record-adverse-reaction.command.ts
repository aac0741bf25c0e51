import type { CommandContext } from '@hemotrace/auth';
import type { RecordAdverseReactionRequest } from './record-adverse-reaction.request';

export class RecordAdverseReactionCommand {
  constructor(
    readonly din: string,
    readonly request: RecordAdverseReactionRequest,
    readonly ctx: CommandContext,
  ) {}
}
