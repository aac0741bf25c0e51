import type { CommandContext } from '@hemotrace/auth';
import type { DispatchShipmentRequest } from './dispatch-shipment.request';

export class DispatchShipmentCommand {
  constructor(
    readonly shipmentId: string,
    readonly request: DispatchShipmentRequest,
    readonly ctx: CommandContext,
  ) {}
}
