import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { DeferDonorCommand } from './defer-donor.command';
import { DeferDonorRequest } from './defer-donor.request';

@ApiTags('donors')
@ApiBearerAuth()
@Controller('donors')
export class DeferDonorHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':donorId/deferrals')
  @HttpCode(201)
  @Allow('donor-clinic')
  @ApiOperation({
    summary: 'Defer a donor by hand: temporary (until a date) or permanent, with reason codes',
  })
  defer(
    @Param('donorId') donorId: string,
    @Body() body: DeferDonorRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<{ deferralId: string | null }> {
    return this.commandBus.execute(
      new DeferDonorCommand(donorId, body.kind, body.reasons, body.until, 'CLINIC', ctx),
    );
  }
}
