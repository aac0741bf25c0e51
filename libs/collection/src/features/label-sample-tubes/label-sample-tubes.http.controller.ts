import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { LabelSampleTubesCommand } from './label-sample-tubes.command';
import { LabelSampleTubesRequest } from './label-sample-tubes.request';

@ApiTags('collection')
@ApiBearerAuth()
@Controller('donations')
export class LabelSampleTubesHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/sample-tubes')
  @HttpCode(201)
  @Allow('phlebotomist')
  @ApiOperation({ summary: 'Link labelled sample tubes to the DIN' })
  label(@Param('din') din: string, @Body() body: LabelSampleTubesRequest, @CommandCtx() ctx: CommandContext) {
    return this.commandBus.execute(new LabelSampleTubesCommand(din, body.tubeIds, ctx));
  }
}
