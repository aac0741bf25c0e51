import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { DivideUnitCommand, ModifyUnitCommand, PoolUnitsCommand } from './process-units.commands';
import { DivideUnitRequest, ModifyUnitRequest, PoolUnitsRequest } from './process-units.requests';

@ApiTags('components')
@ApiBearerAuth()
@Controller('components')
export class ProcessUnitsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('units/:unitId/divisions')
  @Allow('components')
  @ApiOperation({ summary: 'Split a released unit into divisions A0..D0' })
  divide(
    @Param('unitId') unitId: string,
    @Body() body: DivideUnitRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new DivideUnitCommand(unitId, body, ctx));
  }

  @Post('pools')
  @Allow('components')
  @ApiOperation({
    summary: 'Pool released units of one group into a new unit (new DIN) recording every parent',
  })
  pool(@Body() body: PoolUnitsRequest, @CommandCtx() ctx: CommandContext) {
    return this.commands.execute(new PoolUnitsCommand(body, ctx));
  }

  @Post('units/:unitId/modifications')
  @Allow('components')
  @ApiOperation({ summary: 'Leukoreduce, irradiate, wash, freeze, thaw or deglycerolize a released unit' })
  modify(
    @Param('unitId') unitId: string,
    @Body() body: ModifyUnitRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new ModifyUnitCommand(unitId, body, ctx));
  }
}
