import type { CommandContext } from '@hemotrace/auth';
import type { ReleaseEmergencyUnitRequest } from './release-emergency-unit.request';

export class ReleaseEmergencyUnitCommand {
  constructor(
    readonly requestId: string,
    readonly request: ReleaseEmergencyUnitRequest,
    readonly ctx: CommandContext,
  ) {}
}
