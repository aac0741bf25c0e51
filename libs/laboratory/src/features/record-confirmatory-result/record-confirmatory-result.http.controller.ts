import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { TestingCommandResult } from '../donation-testing.runner';
import { dinFromPath } from '../donation-testing.runner';
import { RecordConfirmatoryResultCommand } from './record-confirmatory-result.command';
import { RecordConfirmatoryResultRequest } from './record-confirmatory-result.request';

@ApiTags('laboratory')
@ApiBearerAuth()
@Controller('laboratory/donations')
export class RecordConfirmatoryResultHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/confirmatory-results')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({
    summary:
      'Record a confirmatory result (Western blot, confirmatory NAT) of a repeat reactive marker; a positive reports the donor',
  })
  confirm(
    @Param('din') din: string,
    @Body() body: RecordConfirmatoryResultRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<TestingCommandResult> {
    return this.commandBus.execute(new RecordConfirmatoryResultCommand(dinFromPath(din), body, ctx));
  }
}
