import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { allianceStreamId } from '../../contracts/sites.contracts';
import { allianceDecider } from '../../domain/alliance/alliance.decide';
import { SiteQueries } from '../../read-models/site.queries';
import { SiteDirectory } from '../../site-directory';
import { effectiveTime } from '../business-time.request';
import { AddAllianceMemberCommand } from './add-alliance-member.command';

@CommandHandler(AddAllianceMemberCommand)
export class AddAllianceMemberHandler implements ICommandHandler<AddAllianceMemberCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly directory: SiteDirectory,
    private readonly sites: SiteQueries,
  ) {}

  async execute({ allianceId, request, ctx }: AddAllianceMemberCommand) {
    const at = effectiveTime(request.occurredAt, ctx.now);
    await this.executor.execute(
      allianceDecider,
      allianceStreamId(allianceId),
      {
        type: 'AddAllianceMember',
        allianceId,
        site: await this.directory.site(request.siteId),
        at,
        now: ctx.now,
      },
      { ...ctx, now: at },
    );
    return this.sites.alliance(allianceId);
  }
}
