import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { RequestTransfusionCommand } from './request-transfusion.command';
import { RequestTransfusionRequest } from './request-transfusion.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/requests')
export class RequestTransfusionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Allow('hospital')
  @ApiOperation({ summary: 'Request blood for a patient: product, quantity, urgency, special requirements' })
  request(@Body() body: RequestTransfusionRequest, @CommandCtx() ctx: CommandContext) {
    return this.commandBus.execute(new RequestTransfusionCommand(body, ctx));
  }
}
