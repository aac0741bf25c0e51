import type { CommandContext } from '@hemotrace/auth';
import type { VitalSigns } from '../../domain/transfusion-request/transfusion-request.events';

/** Each step states its own business time; a step entered late gives its reason. */
export type AdministrationStep = { lateEntryReason?: string } & (
  | { step: 'START'; startedAt?: string; vitals: VitalSigns }
  | { step: 'VITALS'; measuredAt?: string; vitals: VitalSigns }
  | { step: 'END'; endedAt?: string; volumeMl: number; vitals?: VitalSigns }
);

export class AdministerTransfusionCommand {
  constructor(
    readonly requestId: string,
    readonly unitId: string,
    readonly step: AdministrationStep,
    readonly ctx: CommandContext,
  ) {}
}
