import type { CommandContext } from '@hemotrace/auth';
import type { RecordQualityDecisionRequest } from './record-quality-decision.request';

export class RecordQualityDecisionCommand {
  constructor(
    readonly unitId: string,
    readonly request: RecordQualityDecisionRequest,
    readonly ctx: CommandContext,
  ) {}
}
