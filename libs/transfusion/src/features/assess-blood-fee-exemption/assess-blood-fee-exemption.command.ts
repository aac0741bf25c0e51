import type { CommandContext } from '@hemotrace/auth';
import type { AssessBloodFeeExemptionRequest } from './assess-blood-fee-exemption.request';

export class AssessBloodFeeExemptionCommand {
  constructor(
    readonly patientId: string,
    readonly request: AssessBloodFeeExemptionRequest,
    readonly ctx: CommandContext,
  ) {}
}
