import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { RecordQualityDecisionCommand } from './record-quality-decision.command';
import { RecordQualityDecisionRequest } from './record-quality-decision.request';

@ApiTags('components')
@ApiBearerAuth()
@Controller('components/units')
export class RecordQualityDecisionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':unitId/quality-decisions')
  @Allow('components')
  @ApiOperation({
    summary: 'Release or discard a unit held in quarantine (e.g. after a temperature excursion)',
  })
  handle(
    @Param('unitId') unitId: string,
    @Body() body: RecordQualityDecisionRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new RecordQualityDecisionCommand(unitId, body, ctx));
  }
}
