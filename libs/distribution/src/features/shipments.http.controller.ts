import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx, CurrentActor, READERS } from '@hemotrace/auth';
import type { Actor } from '@hemotrace/kernel';
import { ShipmentQueries } from '../read-models/shipment.queries';
import { CreateShipmentCommand } from './create-shipment/create-shipment.command';
import { CreateShipmentRequest } from './create-shipment/create-shipment.request';
import { DispatchShipmentCommand } from './dispatch-shipment/dispatch-shipment.command';
import { DispatchShipmentRequest } from './dispatch-shipment/dispatch-shipment.request';
import { PackUnitCommand } from './pack-unit/pack-unit.command';
import { PackUnitRequest } from './pack-unit/pack-unit.request';
import { TransfersQueryRequest } from './query-shipments/transfers.query';
import { ReceiveShipmentCommand } from './receive-shipment/receive-shipment.command';
import { ReceiveShipmentRequest } from './receive-shipment/receive-shipment.request';
import { ReturnUnitCommand } from './return-unit/return-unit.command';
import { ReturnUnitRequest } from './return-unit/return-unit.request';

@ApiTags('distribution')
@ApiBearerAuth()
@Controller('distribution')
export class ShipmentsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly shipments: ShipmentQueries,
  ) {}

  @Post('shipments')
  @Allow('distribution')
  @ApiOperation({
    summary: 'Open a shipment from the caller site: hospital issue, center transfer or emergency transfer',
  })
  create(@Body() body: CreateShipmentRequest, @CommandCtx() ctx: CommandContext) {
    return this.commands.execute(new CreateShipmentCommand(body, ctx));
  }

  @Post('shipments/:shipmentId/units')
  @Allow('distribution')
  @ApiOperation({ summary: 'Pack a released, unexpired unit held by the sender' })
  pack(
    @Param('shipmentId') shipmentId: string,
    @Body() body: PackUnitRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new PackUnitCommand(shipmentId, body, ctx));
  }

  @Post('shipments/:shipmentId/dispatch')
  @HttpCode(200)
  @Allow('distribution')
  @ApiOperation({ summary: 'Dispatch with carrier, cold-chain box and temperature' })
  dispatch(
    @Param('shipmentId') shipmentId: string,
    @Body() body: DispatchShipmentRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new DispatchShipmentCommand(shipmentId, body, ctx));
  }

  @Post('shipments/:shipmentId/receipt')
  @HttpCode(200)
  @Allow('distribution', 'hospital')
  @ApiOperation({
    summary: 'Receive at the consignee: condition, temperature, each unit accepted or rejected',
  })
  receive(
    @Param('shipmentId') shipmentId: string,
    @Body() body: ReceiveShipmentRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new ReceiveShipmentCommand(shipmentId, body, ctx));
  }

  @Post('shipments/:shipmentId/returns')
  @Allow('distribution')
  @ApiOperation({
    summary: 'Take back a unit a hospital returns: restocked within limits, otherwise discarded',
  })
  returnUnit(
    @Param('shipmentId') shipmentId: string,
    @Body() body: ReturnUnitRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new ReturnUnitCommand(shipmentId, body, ctx));
  }

  @Get('shipments/:shipmentId')
  @Allow('distribution', 'hospital', ...READERS)
  @ApiOperation({ summary: 'A shipment and its units (a hospital sees only shipments addressed to it)' })
  get(@Param('shipmentId') shipmentId: string, @CurrentActor() actor: Actor) {
    return this.shipments.get(shipmentId, actor);
  }

  @Get('reports/transfers')
  @Allow('distribution', ...READERS)
  @ApiOperation({
    summary: 'Transfers in and out per partner center over a period (red-cell units, platelet doses)',
  })
  transfers(@Query() query: TransfersQueryRequest, @CurrentActor() actor: Actor) {
    return this.shipments.transfers(
      query.siteId ?? actor.siteId,
      new Date(query.from).toISOString(),
      new Date(query.to).toISOString(),
    );
  }
}
