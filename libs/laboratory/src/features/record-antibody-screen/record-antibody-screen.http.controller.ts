import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { TestingCommandResult } from '../donation-testing.runner';
import { dinFromPath } from '../donation-testing.runner';
import { RecordAntibodyScreenCommand } from './record-antibody-screen.command';
import { RecordAntibodyScreenRequest } from './record-antibody-screen.request';

@ApiTags('laboratory')
@ApiBearerAuth()
@Controller('laboratory/donations')
export class RecordAntibodyScreenHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/antibody-screens')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({ summary: 'Record an irregular antibody screen (and antibodies identified)' })
  screen(
    @Param('din') din: string,
    @Body() body: RecordAntibodyScreenRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<TestingCommandResult> {
    return this.commandBus.execute(new RecordAntibodyScreenCommand(dinFromPath(din), body, ctx));
  }
}
