import type { CommandContext } from '@hemotrace/auth';
import type { RecordBloodGroupRequest } from './record-blood-group.request';

export class RecordBloodGroupCommand {
  constructor(
    readonly din: string,
    readonly request: RecordBloodGroupRequest,
    readonly ctx: CommandContext,
  ) {}
}
