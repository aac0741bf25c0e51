import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { ScreeningOutcome } from './screen-donor.command';
import { ScreenDonorCommand } from './screen-donor.command';
import { ScreenDonorRequest } from './screen-donor.request';

@ApiTags('donors')
@ApiBearerAuth()
@Controller('donors')
export class ScreenDonorHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':donorId/screenings')
  @HttpCode(201)
  @Allow('donor-clinic')
  @ApiOperation({
    summary: 'Pre-donation screening: records the checks and either DonorFoundEligible or DonorDeferred',
  })
  screen(
    @Param('donorId') donorId: string,
    @Body() body: ScreenDonorRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<ScreeningOutcome> {
    return this.commandBus.execute(new ScreenDonorCommand(donorId, body, ctx));
  }
}
