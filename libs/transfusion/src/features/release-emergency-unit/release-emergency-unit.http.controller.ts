import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { RepliesWith } from '@hemotrace/platform';
import type { EmergencyReleaseAuthorizedContract } from '../../contracts/transfusion.contracts';
import { ReleaseEmergencyUnitCommand } from './release-emergency-unit.command';
import { ReleaseEmergencyUnitRequest } from './release-emergency-unit.request';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion/requests/:requestId')
export class ReleaseEmergencyUnitHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('emergency-releases')
  @RepliesWith<EmergencyReleaseAuthorizedContract>()
  @Allow('hospital')
  @ApiOperation({
    summary: 'Release uncrossmatched group O red cells on an EMERGENCY request; the override is recorded',
  })
  release(
    @Param('requestId') requestId: string,
    @Body() body: ReleaseEmergencyUnitRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new ReleaseEmergencyUnitCommand(requestId, body, ctx));
  }
}
