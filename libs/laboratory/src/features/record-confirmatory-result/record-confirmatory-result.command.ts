import type { CommandContext } from '@hemotrace/auth';
import type { RecordConfirmatoryResultRequest } from './record-confirmatory-result.request';

export class RecordConfirmatoryResultCommand {
  constructor(
    readonly din: string,
    readonly request: RecordConfirmatoryResultRequest,
    readonly ctx: CommandContext,
  ) {}
}
