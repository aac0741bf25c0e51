import type { CommandContext } from '@hemotrace/auth';
import type { RegisterSiteRequest } from './register-site.request';

export class RegisterSiteCommand {
  constructor(
    readonly request: RegisterSiteRequest,
    readonly ctx: CommandContext,
  ) {}
}
