import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { PrepareComponentCommand } from './prepare-component.command';
import { PrepareComponentRequest } from './prepare-component.request';

@ApiTags('components')
@ApiBearerAuth()
@Controller('components/units')
export class PrepareComponentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('components')
  @ApiOperation({ summary: 'Prepare a component from a completed donation (starts Quarantined)' })
  prepare(@Body() body: PrepareComponentRequest, @CommandCtx() ctx: CommandContext) {
    return this.commands.execute(new PrepareComponentCommand(body, ctx));
  }
}
