import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { TestingCommandResult } from '../donation-testing.runner';
import { dinFromPath } from '../donation-testing.runner';
import { RecordMarkerResultCommand } from './record-marker-result.command';
import { RecordMarkerResultRequest } from './record-marker-result.request';

@ApiTags('laboratory')
@ApiBearerAuth()
@Controller('laboratory/donations')
export class RecordMarkerResultHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/marker-results')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({
    summary:
      'Record an infectious marker or ALT result with method, reagent maker and lot, instrument and value',
  })
  record(
    @Param('din') din: string,
    @Body() body: RecordMarkerResultRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<TestingCommandResult> {
    return this.commandBus.execute(new RecordMarkerResultCommand(dinFromPath(din), body, ctx));
  }
}
