import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { RegisterEquipmentCommand, ReportExcursionCommand } from './equipment.commands';
import { RegisterEquipmentRequest, ReportExcursionRequest } from './equipment.requests';

@ApiTags('components')
@ApiBearerAuth()
@Controller('components/equipment')
export class EquipmentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('components')
  @ApiOperation({ summary: 'Register a fridge, freezer or platelet agitator at the caller site' })
  register(@Body() body: RegisterEquipmentRequest, @CommandCtx() ctx: CommandContext) {
    return this.commands.execute(new RegisterEquipmentCommand(body, ctx));
  }

  @Post(':equipmentId/excursions')
  @Allow('components', 'distribution')
  @ApiOperation({
    summary: 'Report a temperature excursion: every unit stored in it meanwhile is quarantined',
  })
  excursion(
    @Param('equipmentId') equipmentId: string,
    @Body() body: ReportExcursionRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new ReportExcursionCommand(equipmentId, body, ctx));
  }
}
