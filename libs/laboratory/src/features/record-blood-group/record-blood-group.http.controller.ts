import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { TestingCommandResult } from '../donation-testing.runner';
import { dinFromPath } from '../donation-testing.runner';
import { RecordBloodGroupCommand } from './record-blood-group.command';
import { RecordBloodGroupRequest } from './record-blood-group.request';

@ApiTags('laboratory')
@ApiBearerAuth()
@Controller('laboratory/donations')
export class RecordBloodGroupHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/blood-group-determinations')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({
    summary:
      'Record an ABO forward/reverse and RhD determination; confirms the group or holds the donation on a discrepancy',
  })
  determine(
    @Param('din') din: string,
    @Body() body: RecordBloodGroupRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<TestingCommandResult> {
    return this.commandBus.execute(new RecordBloodGroupCommand(dinFromPath(din), body, ctx));
  }
}
