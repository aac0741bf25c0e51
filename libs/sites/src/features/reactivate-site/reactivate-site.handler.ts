import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { siteStreamId } from '../../contracts/sites.contracts';
import { siteDecider } from '../../domain/site/site.decide';
import { SiteQueries } from '../../read-models/site.queries';
import { effectiveTime } from '../business-time.request';
import { ReactivateSiteCommand } from './reactivate-site.command';

@CommandHandler(ReactivateSiteCommand)
export class ReactivateSiteHandler implements ICommandHandler<ReactivateSiteCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly sites: SiteQueries,
  ) {}

  async execute({ siteId, request, ctx }: ReactivateSiteCommand) {
    const at = effectiveTime(request.occurredAt, ctx.now);
    await this.executor.execute(
      siteDecider,
      siteStreamId(siteId),
      { type: 'ReactivateSite', siteId, reason: request.reason.trim(), at, now: ctx.now },
      { ...ctx, now: at },
    );
    return this.sites.site(siteId);
  }
}
