import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { AssessBloodFeeExemptionCommand } from './assess-blood-fee-exemption.command';
import { AssessBloodFeeExemptionRequest } from './assess-blood-fee-exemption.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/patients/:patientId')
export class AssessBloodFeeExemptionHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('blood-fee-exemptions')
  @Allow('hospital')
  @ApiOperation({ summary: "Assess the donor blood-fee exemption from the donor's history (profile rule)" })
  assess(
    @Param('patientId') patientId: string,
    @Body() body: AssessBloodFeeExemptionRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new AssessBloodFeeExemptionCommand(patientId, body, ctx));
  }
}
