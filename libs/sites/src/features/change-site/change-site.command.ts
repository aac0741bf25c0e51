import type { CommandContext } from '@hemotrace/auth';
import type { ChangeSiteRequest } from './change-site.request';

export class ChangeSiteCommand {
  constructor(
    readonly siteId: string,
    readonly request: ChangeSiteRequest,
    readonly ctx: CommandContext,
  ) {}
}
