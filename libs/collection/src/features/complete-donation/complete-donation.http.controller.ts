import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { CompleteDonationCommand } from './complete-donation.command';
import { CompleteDonationRequest } from './complete-donation.request';

@ApiTags('collection')
@ApiBearerAuth()
@Controller('donations')
export class CompleteDonationHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/completion')
  @HttpCode(200)
  @Allow('phlebotomist')
  @ApiOperation({ summary: 'Complete a donation: volume, start and end (emits DonationCompleted)' })
  complete(
    @Param('din') din: string,
    @Body() body: CompleteDonationRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new CompleteDonationCommand(din, body, ctx));
  }
}
