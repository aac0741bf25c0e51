import type { CommandContext } from '@hemotrace/auth';
import type { RegisterEquipmentRequest, ReportExcursionRequest } from './equipment.requests';

export class RegisterEquipmentCommand {
  constructor(
    readonly request: RegisterEquipmentRequest,
    readonly ctx: CommandContext,
  ) {}
}

export class ReportExcursionCommand {
  constructor(
    readonly equipmentId: string,
    readonly request: ReportExcursionRequest,
    readonly ctx: CommandContext,
  ) {}
}
