import type { CommandContext } from '@hemotrace/auth';
import type { SiteStatusRequest } from '../deactivate-site/site-status.request';

export class ReactivateSiteCommand {
  constructor(
    readonly siteId: string,
    readonly request: SiteStatusRequest,
    readonly ctx: CommandContext,
  ) {}
}
