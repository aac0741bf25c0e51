import type { CommandContext } from '@hemotrace/auth';
import type { CreateShipmentRequest } from './create-shipment.request';

export class CreateShipmentCommand {
  constructor(
    readonly request: CreateShipmentRequest,
    readonly ctx: CommandContext,
  ) {}
}
