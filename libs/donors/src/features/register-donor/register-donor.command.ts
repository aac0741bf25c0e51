import type { CommandContext } from '@hemotrace/auth';
import type { RegisterDonorRequest } from './register-donor.request';

export class RegisterDonorCommand {
  constructor(
    readonly request: RegisterDonorRequest,
    readonly ctx: CommandContext,
  ) {}
}
