import type { CommandContext } from '@hemotrace/auth';
import type { ReceiveShipmentRequest } from './receive-shipment.request';

export class ReceiveShipmentCommand {
  constructor(
    readonly shipmentId: string,
    readonly request: ReceiveShipmentRequest,
    readonly ctx: CommandContext,
  ) {}
}
