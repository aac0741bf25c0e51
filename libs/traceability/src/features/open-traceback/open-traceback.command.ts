import type { CommandContext } from '@hemotrace/auth';

export class OpenTracebackCommand {
  constructor(
    readonly investigationId: string,
    readonly patientId: string,
    readonly marker: string | null,
    readonly reference: string | null,
    readonly triggerEventId: string | null,
    readonly ctx: CommandContext,
  ) {}
}
