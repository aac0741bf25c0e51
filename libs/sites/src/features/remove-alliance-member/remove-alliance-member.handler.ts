import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { allianceStreamId } from '../../contracts/sites.contracts';
import { allianceDecider } from '../../domain/alliance/alliance.decide';
import { SiteQueries } from '../../read-models/site.queries';
import { effectiveTime } from '../business-time.request';
import { RemoveAllianceMemberCommand } from './remove-alliance-member.command';

@CommandHandler(RemoveAllianceMemberCommand)
export class RemoveAllianceMemberHandler implements ICommandHandler<RemoveAllianceMemberCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly sites: SiteQueries,
  ) {}

  async execute({ allianceId, siteId, request, ctx }: RemoveAllianceMemberCommand) {
    const at = effectiveTime(request.occurredAt, ctx.now);
    await this.executor.execute(
      allianceDecider,
      allianceStreamId(allianceId),
      { type: 'RemoveAllianceMember', allianceId, siteId, reason: request.reason.trim(), at, now: ctx.now },
      { ...ctx, now: at },
    );
    return this.sites.alliance(allianceId);
  }
}
