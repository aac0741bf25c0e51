import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { RecordAdverseReactionCommand } from './record-adverse-reaction.command';
import { RecordAdverseReactionRequest } from './record-adverse-reaction.request';

@ApiTags('collection')
@ApiBearerAuth()
@Controller('donations')
export class RecordAdverseReactionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/adverse-reactions')
  @HttpCode(201)
  @Allow('phlebotomist', 'donor-clinic')
  @ApiOperation({ summary: 'Record a donor adverse reaction (type and severity) against a donation' })
  record(
    @Param('din') din: string,
    @Body() body: RecordAdverseReactionRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new RecordAdverseReactionCommand(din, body, ctx));
  }
}
