import type { CommandContext } from '@hemotrace/auth';
import type { RegisterPatientRequest } from './register-patient.request';

export class RegisterPatientCommand {
  constructor(
    readonly request: RegisterPatientRequest,
    readonly ctx: CommandContext,
  ) {}
}
