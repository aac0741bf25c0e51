import type { CommandContext } from '@hemotrace/auth';

export class LiftDeferralCommand {
  constructor(
    readonly donorId: string,
    readonly deferralId: string,
    readonly reason: string,
    readonly ctx: CommandContext,
  ) {}
}
