import type { CommandContext } from '@hemotrace/auth';
import type { StartDonationRequest } from './start-donation.request';

export class StartDonationCommand {
  constructor(
    readonly request: StartDonationRequest,
    readonly ctx: CommandContext,
  ) {}
}
