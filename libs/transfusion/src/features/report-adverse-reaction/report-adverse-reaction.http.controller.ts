import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { ReportAdverseReactionCommand } from './report-adverse-reaction.command';
import { ReportAdverseReactionRequest } from './report-adverse-reaction.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/requests/:requestId')
export class ReportAdverseReactionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('adverse-reactions')
  @Allow('hospital')
  @ApiOperation({
    summary:
      'Report an adverse reaction (ISBT category, severity, EU imputability); a TTI starts the traceback',
  })
  report(
    @Param('requestId') requestId: string,
    @Body() body: ReportAdverseReactionRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new ReportAdverseReactionCommand(requestId, body, ctx));
  }
}
