import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import {
  RecordAntibodyIdentificationCommand,
  RecordHistoricalGroupCommand,
  RecordPatientSampleCommand,
} from './record-patient-sample.command';
import {
  RecordAntibodyIdentificationRequest,
  RecordHistoricalGroupRequest,
  RecordPatientSampleRequest,
} from './record-patient-sample.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/patients/:patientId')
export class RecordPatientSampleHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('samples')
  @Allow('hospital')
  @ApiOperation({
    summary: 'Record a typed patient sample: ABO/RhD and antibody screen (valid per profile, e.g. 3 days)',
  })
  sample(
    @Param('patientId') patientId: string,
    @Body() body: RecordPatientSampleRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new RecordPatientSampleCommand(patientId, body, ctx));
  }

  @Post('samples/:sampleId/antibody-identification')
  @Allow('hospital')
  @ApiOperation({
    summary: 'Record antibodies identified on a screen-positive sample (antigen-negative needs follow)',
  })
  identify(
    @Param('patientId') patientId: string,
    @Param('sampleId') sampleId: string,
    @Body() body: RecordAntibodyIdentificationRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new RecordAntibodyIdentificationCommand(patientId, sampleId, body, ctx));
  }

  @Post('historical-groups')
  @Allow('hospital')
  @ApiOperation({
    summary: 'Record a blood group from an earlier record (confirms the group for electronic crossmatch)',
  })
  historical(
    @Param('patientId') patientId: string,
    @Body() body: RecordHistoricalGroupRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new RecordHistoricalGroupCommand(patientId, body, ctx));
  }
}
