import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { siteStreamId } from '../../contracts/sites.contracts';
import { siteDecider } from '../../domain/site/site.decide';
import { SiteQueries } from '../../read-models/site.queries';
import { effectiveTime } from '../business-time.request';
import { ChangeSiteCommand } from './change-site.command';

@CommandHandler(ChangeSiteCommand)
export class ChangeSiteHandler implements ICommandHandler<ChangeSiteCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly sites: SiteQueries,
  ) {}

  async execute({ siteId, request, ctx }: ChangeSiteCommand) {
    const at = effectiveTime(request.occurredAt, ctx.now);
    await this.executor.execute(
      siteDecider,
      siteStreamId(siteId),
      { type: 'ChangeSite', siteId, name: request.name.trim(), siteType: request.type, at, now: ctx.now },
      { ...ctx, now: at },
    );
    return this.sites.site(siteId);
  }
}
