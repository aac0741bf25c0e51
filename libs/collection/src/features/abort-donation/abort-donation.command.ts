import type { CommandContext } from '@hemotrace/auth';
import type { AbortDonationRequest } from './abort-donation.request';

export class AbortDonationCommand {
  constructor(
    readonly din: string,
    readonly request: AbortDonationRequest,
    readonly ctx: CommandContext,
  ) {}
}
