import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { ExpireUnitsCommand } from './expire-units.command';

@ApiTags('components')
@ApiBearerAuth()
@Controller('components')
export class ExpireUnitsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('expiry-sweep')
  @HttpCode(200)
  @Allow('components', 'distribution')
  @ApiOperation({ summary: 'Record every unit of the caller site whose expiry has passed as expired' })
  sweep(@CommandCtx() ctx: CommandContext) {
    return this.commands.execute(new ExpireUnitsCommand(ctx));
  }
}
