import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { IssueUnitToWardCommand } from './issue-unit-to-ward.command';
import { IssueUnitToWardRequest } from './issue-unit-to-ward.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/requests/:requestId')
export class IssueUnitToWardHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('issues')
  @Allow('hospital')
  @ApiOperation({ summary: 'Issue an allocated unit from the blood bank to the ward' })
  issue(
    @Param('requestId') requestId: string,
    @Body() body: IssueUnitToWardRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new IssueUnitToWardCommand(requestId, body, ctx));
  }
}
