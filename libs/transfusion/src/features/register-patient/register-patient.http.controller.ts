import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { RegisterPatientCommand } from './register-patient.command';
import { RegisterPatientRequest } from './register-patient.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/patients')
export class RegisterPatientHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Allow('hospital')
  @ApiOperation({
    summary: "Register a patient at the caller's hospital (identity kept apart from traceability)",
  })
  register(@Body() body: RegisterPatientRequest, @CommandCtx() ctx: CommandContext) {
    return this.commandBus.execute(new RegisterPatientCommand(body, ctx));
  }
}
