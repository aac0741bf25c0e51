import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { LiftDeferralCommand } from './lift-deferral.command';
import { LiftDeferralRequest } from './lift-deferral.request';

@ApiTags('donors')
@ApiBearerAuth()
@Controller('donors')
export class LiftDeferralHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':donorId/deferrals/:deferralId/lift')
  @HttpCode(200)
  @Allow('donor-clinic')
  @ApiOperation({
    summary: 'Lift a temporary deferral in force, with a reason (permanent ones cannot be lifted)',
  })
  lift(
    @Param('donorId') donorId: string,
    @Param('deferralId') deferralId: string,
    @Body() body: LiftDeferralRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<{ deferralId: string; liftedAt: string }> {
    return this.commandBus.execute(new LiftDeferralCommand(donorId, deferralId, body.reason, ctx));
  }
}
