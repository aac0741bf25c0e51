import type { CommandContext } from '@hemotrace/auth';
import type { InvestigationCommand } from '../../domain/investigation/investigation.decide';

export type InvestigationStep = Exclude<
  InvestigationCommand,
  { type: 'OpenLookback' } | { type: 'OpenTraceback' } | { type: 'OpenRecall' }
>;

export class RecordInvestigationStepCommand {
  constructor(
    readonly investigationId: string,
    readonly step: InvestigationStep,
    readonly ctx: CommandContext,
  ) {}
}
