import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { StoreUnitCommand } from './store-unit.command';
import { StoreUnitRequest } from './store-unit.request';

@ApiTags('components')
@ApiBearerAuth()
@Controller('components/units')
export class StoreUnitHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':unitId/storage')
  @Allow('components', 'distribution')
  @ApiOperation({ summary: 'Put a unit into a registered fridge, freezer or platelet agitator' })
  handle(@Param('unitId') unitId: string, @Body() body: StoreUnitRequest, @CommandCtx() ctx: CommandContext) {
    return this.commands.execute(new StoreUnitCommand(unitId, body, ctx));
  }
}
