import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { AbortDonationCommand } from './abort-donation.command';
import { AbortDonationRequest } from './abort-donation.request';

@ApiTags('collection')
@ApiBearerAuth()
@Controller('donations')
export class AbortDonationHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/abort')
  @HttpCode(200)
  @Allow('phlebotomist')
  @ApiOperation({ summary: 'Abort a donation in progress with a reason and the partial volume' })
  abort(@Param('din') din: string, @Body() body: AbortDonationRequest, @CommandCtx() ctx: CommandContext) {
    return this.commandBus.execute(new AbortDonationCommand(din, body, ctx));
  }
}
