import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { RepliesWith } from '@hemotrace/platform';
import type { UnitReturnedToBloodBankContract } from '../../contracts/transfusion.contracts';
import { ReturnUnitCommand, WasteUnitCommand } from './return-or-waste-unit.command';
import { WardReturnRequest, WasteUnitRequest } from './return-or-waste-unit.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/requests/:requestId/units/:unitId')
export class ReturnOrWasteUnitHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('return')
  @RepliesWith<UnitReturnedToBloodBankContract>()
  @HttpCode(200)
  @Allow('hospital')
  @ApiOperation({ summary: 'Return an unused unit to the blood bank within the time and temperature limits' })
  returnUnit(
    @Param('requestId') requestId: string,
    @Param('unitId') unitId: string,
    @Body() body: WardReturnRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new ReturnUnitCommand(requestId, unitId, body, ctx));
  }

  @Post('waste')
  @HttpCode(200)
  @Allow('hospital')
  @ApiOperation({ summary: 'Record an unused unit as wasted, with the reason' })
  waste(
    @Param('requestId') requestId: string,
    @Param('unitId') unitId: string,
    @Body() body: WasteUnitRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new WasteUnitCommand(requestId, unitId, body, ctx));
  }
}
