import type { CommandContext } from '@hemotrace/auth';
import type { AddAllianceMemberRequest } from './add-alliance-member.request';

export class AddAllianceMemberCommand {
  constructor(
    readonly allianceId: string,
    readonly request: AddAllianceMemberRequest,
    readonly ctx: CommandContext,
  ) {}
}
