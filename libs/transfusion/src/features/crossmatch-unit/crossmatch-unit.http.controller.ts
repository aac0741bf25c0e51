import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { CrossmatchUnitCommand } from './crossmatch-unit.command';
import { CrossmatchUnitRequest } from './crossmatch-unit.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/requests/:requestId')
export class CrossmatchUnitHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('crossmatches')
  @Allow('hospital')
  @ApiOperation({
    summary: 'Crossmatch a unit (serological or electronic); a compatible unit is allocated to the patient',
  })
  crossmatch(
    @Param('requestId') requestId: string,
    @Body() body: CrossmatchUnitRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new CrossmatchUnitCommand(requestId, body, ctx));
  }
}
