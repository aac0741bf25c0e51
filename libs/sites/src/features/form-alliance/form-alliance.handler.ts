import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '@hemotrace/platform';
import { allianceStreamId } from '../../contracts/sites.contracts';
import { allianceDecider } from '../../domain/alliance/alliance.decide';
import { SiteQueries } from '../../read-models/site.queries';
import { SiteDirectory } from '../../site-directory';
import { effectiveTime } from '../business-time.request';
import { FormAllianceCommand } from './form-alliance.command';

/** Each member is checked against its own Site stream, not the sites read model. */
@CommandHandler(FormAllianceCommand)
export class FormAllianceHandler implements ICommandHandler<FormAllianceCommand> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly directory: SiteDirectory,
    private readonly sites: SiteQueries,
  ) {}

  async execute({ request, ctx }: FormAllianceCommand) {
    const at = effectiveTime(request.occurredAt, ctx.now);
    const members = await Promise.all(request.members.map((siteId) => this.directory.site(siteId)));
    await this.executor.execute(
      allianceDecider,
      allianceStreamId(request.allianceId),
      {
        type: 'FormAlliance',
        allianceId: request.allianceId,
        name: request.name.trim(),
        members,
        at,
        now: ctx.now,
      },
      { ...ctx, now: at },
    );
    return this.sites.alliance(request.allianceId);
  }
}
