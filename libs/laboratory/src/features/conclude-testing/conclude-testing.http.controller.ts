import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { TestingCommandResult } from '../donation-testing.runner';
import { dinFromPath } from '../donation-testing.runner';
import { ConcludeTestingCommand } from './conclude-testing.command';
import { ConcludeTestingRequest } from './conclude-testing.request';

@ApiTags('laboratory')
@ApiBearerAuth()
@Controller('laboratory/donations')
export class ConcludeTestingHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/conclusion')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({
    summary:
      'Conclude testing: qualified (every mandatory marker non-reactive, group confirmed) or rejected (naming the reactive markers)',
  })
  conclude(
    @Param('din') din: string,
    @Body() body: ConcludeTestingRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<TestingCommandResult> {
    return this.commandBus.execute(new ConcludeTestingCommand(dinFromPath(din), body ?? {}, ctx));
  }
}
