import type { CommandContext } from '@hemotrace/auth';
import type { VitalSigns } from '../../domain/transfusion-request/transfusion-request.events';

export type AdministrationStep =
  | { step: 'START'; startedAt?: string; vitals: VitalSigns }
  | { step: 'VITALS'; measuredAt?: string; vitals: VitalSigns }
  | { step: 'END'; endedAt?: string; volumeMl: number; vitals?: VitalSigns };

export class AdministerTransfusionCommand {
  constructor(
    readonly requestId: string,
    readonly unitId: string,
    readonly step: AdministrationStep,
    readonly ctx: CommandContext,
  ) {}
}
