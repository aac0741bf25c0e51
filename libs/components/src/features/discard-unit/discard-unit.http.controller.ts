import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { DiscardUnitCommand } from './discard-unit.command';
import { DiscardUnitRequest } from './discard-unit.request';

@ApiTags('components')
@ApiBearerAuth()
@Controller('components/units')
export class DiscardUnitHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':unitId/discard')
  @Allow('components', 'distribution')
  @ApiOperation({ summary: 'Discard a unit by hand with a reason code' })
  handle(
    @Param('unitId') unitId: string,
    @Body() body: DiscardUnitRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new DiscardUnitCommand(unitId, body, ctx));
  }
}
