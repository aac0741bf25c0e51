import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { TestingCommandResult } from '../donation-testing.runner';
import { dinFromPath } from '../donation-testing.runner';
import { ReceiveSampleCommand } from './receive-sample.command';
import { ReceiveSampleRequest } from './receive-sample.request';

@ApiTags('laboratory')
@ApiBearerAuth()
@Controller('laboratory/donations')
export class ReceiveSampleHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/sample-receipts')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({
    summary: "Receive a donation's sample at the collecting site's laboratory or a central laboratory",
  })
  receive(
    @Param('din') din: string,
    @Body() body: ReceiveSampleRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<TestingCommandResult> {
    return this.commandBus.execute(new ReceiveSampleCommand(dinFromPath(din), body, ctx));
  }
}
