import type { CommandContext } from '@hemotrace/auth';
import type { RemoveAllianceMemberRequest } from './remove-alliance-member.request';

export class RemoveAllianceMemberCommand {
  constructor(
    readonly allianceId: string,
    readonly siteId: string,
    readonly request: RemoveAllianceMemberRequest,
    readonly ctx: CommandContext,
  ) {}
}
