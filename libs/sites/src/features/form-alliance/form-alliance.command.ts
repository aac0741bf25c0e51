import type { CommandContext } from '@hemotrace/auth';
import type { FormAllianceRequest } from './form-alliance.request';

export class FormAllianceCommand {
  constructor(
    readonly request: FormAllianceRequest,
    readonly ctx: CommandContext,
  ) {}
}
