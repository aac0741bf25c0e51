import type { CommandContext } from '@hemotrace/auth';
import type { ReportAdverseReactionRequest } from './report-adverse-reaction.request';

export class ReportAdverseReactionCommand {
  constructor(
    readonly requestId: string,
    readonly request: ReportAdverseReactionRequest,
    readonly ctx: CommandContext,
  ) {}
}
