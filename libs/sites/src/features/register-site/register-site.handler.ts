import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { siteStreamId } from '../../contracts/sites.contracts';
import { siteDecider } from '../../domain/site/site.decide';
import { SiteQueries } from '../../read-models/site.queries';
import { effectiveTime } from '../business-time.request';
import { RegisterSiteCommand } from './register-site.command';

@CommandHandler(RegisterSiteCommand)
export class RegisterSiteHandler implements ICommandHandler<RegisterSiteCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly sites: SiteQueries,
  ) {}

  async execute({ request, ctx }: RegisterSiteCommand) {
    const at = effectiveTime(request.occurredAt, ctx.now);
    await this.executor.execute(
      siteDecider,
      siteStreamId(request.siteId),
      {
        type: 'RegisterSite',
        siteId: request.siteId,
        name: request.name.trim(),
        siteType: request.type,
        active: request.active,
        at,
        now: ctx.now,
      },
      { ...ctx, now: at },
    );
    return this.sites.site(request.siteId);
  }
}
