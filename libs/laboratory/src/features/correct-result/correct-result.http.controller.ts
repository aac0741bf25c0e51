import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { TestingCommandResult } from '../donation-testing.runner';
import { dinFromPath } from '../donation-testing.runner';
import { CorrectResultCommand } from './correct-result.command';
import { CorrectResultRequest } from './correct-result.request';

@ApiTags('laboratory')
@ApiBearerAuth()
@Controller('laboratory/donations')
export class CorrectResultHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/result-corrections')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({ summary: "Correct a marker result with a reason and a second person's verification" })
  correct(
    @Param('din') din: string,
    @Body() body: CorrectResultRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<TestingCommandResult> {
    return this.commandBus.execute(new CorrectResultCommand(dinFromPath(din), body, ctx));
  }
}
