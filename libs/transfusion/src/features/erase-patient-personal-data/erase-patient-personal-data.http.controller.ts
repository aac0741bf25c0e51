import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { ErasePatientPersonalDataCommand } from './erase-patient-personal-data.command';
import { ErasePatientPersonalDataRequest } from './erase-patient-personal-data.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion')
export class ErasePatientPersonalDataHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('patients/:patientId/erasure')
  @HttpCode(200)
  @Allow('admin')
  @ApiOperation({
    summary:
      "Erase a patient's identity (crypto-shredding): destroys the key, records the erasure; the transfusion record stays",
  })
  erase(
    @Param('patientId') patientId: string,
    @Body() body: ErasePatientPersonalDataRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<{ patientId: string; erasedAt: string }> {
    return this.commandBus.execute(
      new ErasePatientPersonalDataCommand(patientId, body.legalBasis, body.reason, ctx),
    );
  }
}
