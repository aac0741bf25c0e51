import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { AdministerTransfusionCommand } from './administer-transfusion.command';
import {
  EndTransfusionRequest,
  RecordVitalSignsRequest,
  StartTransfusionRequest,
} from './administer-transfusion.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/requests/:requestId/units/:unitId')
export class AdministerTransfusionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('start')
  @HttpCode(200)
  @Allow('hospital')
  @ApiOperation({
    summary: 'Start the transfusion of a unit that passed the bedside check (baseline vital signs)',
  })
  start(
    @Param('requestId') requestId: string,
    @Param('unitId') unitId: string,
    @Body() body: StartTransfusionRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(
      new AdministerTransfusionCommand(requestId, unitId, { step: 'START', ...body }, ctx),
    );
  }

  @Post('vital-signs')
  @Allow('hospital')
  @ApiOperation({ summary: 'Record vital signs during or after the transfusion' })
  vitals(
    @Param('requestId') requestId: string,
    @Param('unitId') unitId: string,
    @Body() body: RecordVitalSignsRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(
      new AdministerTransfusionCommand(requestId, unitId, { step: 'VITALS', ...body }, ctx),
    );
  }

  @Post('end')
  @HttpCode(200)
  @Allow('hospital')
  @ApiOperation({ summary: 'End the transfusion with the volume given (emits UnitTransfused)' })
  end(
    @Param('requestId') requestId: string,
    @Param('unitId') unitId: string,
    @Body() body: EndTransfusionRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(
      new AdministerTransfusionCommand(requestId, unitId, { step: 'END', ...body }, ctx),
    );
  }
}
