import type { CommandContext } from '@hemotrace/auth';
import type { ScreenDonorRequest } from './screen-donor.request';

export class ScreenDonorCommand {
  constructor(
    readonly donorId: string,
    readonly request: ScreenDonorRequest,
    readonly ctx: CommandContext,
  ) {}
}

export interface ScreeningOutcome {
  donorId: string;
  screeningId: string;
  outcome: 'ELIGIBLE' | 'DEFERRED';
  validUntil?: string;
  deferral?: {
    deferralId: string;
    kind: string;
    until?: string;
    reasons: { code: string; detail?: string }[];
  };
}
