import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { VerifyAtBedsideCommand } from './verify-at-bedside.command';
import { VerifyAtBedsideRequest } from './verify-at-bedside.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/requests/:requestId')
export class VerifyAtBedsideHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('bedside-checks')
  @HttpCode(200)
  @Allow('hospital')
  @ApiOperation({
    summary:
      'Bedside check: wristband and unit label against the allocation; a mismatch is recorded and answered 422',
  })
  verify(
    @Param('requestId') requestId: string,
    @Body() body: VerifyAtBedsideRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new VerifyAtBedsideCommand(requestId, body, ctx));
  }
}
