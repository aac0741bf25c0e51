import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { newId } from '@hemotrace/kernel';
import { OpenTracebackCommand } from './open-traceback.command';
import { OpenTracebackRequest } from './open-traceback.request';

@ApiTags('investigations')
@ApiBearerAuth()
@Controller('investigations/tracebacks')
export class OpenTracebackHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({ summary: 'Trace back from a patient to every donor, flagging each for recall testing' })
  open(@Body() body: OpenTracebackRequest, @CommandCtx() ctx: CommandContext) {
    return this.commandBus.execute(
      new OpenTracebackCommand(
        `TB-${newId()}`,
        body.patientId,
        body.marker ?? null,
        body.reference ?? null,
        null,
        ctx,
      ),
    );
  }
}
