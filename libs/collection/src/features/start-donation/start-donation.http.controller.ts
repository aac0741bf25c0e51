import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { StartDonationCommand } from './start-donation.command';
import { StartDonationRequest } from './start-donation.request';

@ApiTags('collection')
@ApiBearerAuth()
@Controller('donations')
export class StartDonationHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow('phlebotomist')
  @ApiOperation({
    summary: 'Start a donation under a DIN (422 COLLECTION.DONOR_NOT_ELIGIBLE names the reasons)',
  })
  start(@Body() body: StartDonationRequest, @CommandCtx() ctx: CommandContext): Promise<{ din: string }> {
    return this.commandBus.execute(new StartDonationCommand(body, ctx));
  }
}
