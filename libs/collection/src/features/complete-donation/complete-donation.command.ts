import type { CommandContext } from '@hemotrace/auth';
import type { CompleteDonationRequest } from './complete-donation.request';

export class CompleteDonationCommand {
  constructor(
    readonly din: string,
    readonly request: CompleteDonationRequest,
    readonly ctx: CommandContext,
  ) {}
}
