import type { CommandContext } from '@hemotrace/auth';

export class OpenLookbackCommand {
  constructor(
    readonly investigationId: string,
    readonly donorId: string,
    readonly marker: string,
    /** The donation found positive; the donor's latest confirmed-positive donation when absent. */
    readonly din: string | undefined,
    readonly triggerEventId: string | null,
    readonly ctx: CommandContext,
    /** Business time of the triggering confirmatory result, when the trigger names it. */
    readonly confirmedAt?: string,
  ) {}
}
