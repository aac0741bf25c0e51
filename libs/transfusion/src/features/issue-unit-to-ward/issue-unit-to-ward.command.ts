import type { CommandContext } from '@hemotrace/auth';
import type { IssueUnitToWardRequest } from './issue-unit-to-ward.request';

export class IssueUnitToWardCommand {
  constructor(
    readonly requestId: string,
    readonly request: IssueUnitToWardRequest,
    readonly ctx: CommandContext,
  ) {}
}
