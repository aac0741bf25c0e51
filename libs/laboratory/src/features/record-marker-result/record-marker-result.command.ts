import type { CommandContext } from '@hemotrace/auth';
import type { RecordMarkerResultRequest } from './record-marker-result.request';

export class RecordMarkerResultCommand {
  constructor(
    readonly din: string,
    readonly request: RecordMarkerResultRequest,
    readonly ctx: CommandContext,
  ) {}
}
