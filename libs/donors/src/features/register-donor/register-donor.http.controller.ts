import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { RegisterDonorCommand } from './register-donor.command';
import { RegisterDonorRequest } from './register-donor.request';

@ApiTags('donors')
@ApiBearerAuth()
@Controller('donors')
export class RegisterDonorHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Allow('donor-clinic')
  @ApiOperation({ summary: 'Register a donor (409 DONORS.DUPLICATE_DOCUMENT when the document is known)' })
  register(
    @Body() body: RegisterDonorRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<{ donorId: string }> {
    return this.commandBus.execute(new RegisterDonorCommand(body, ctx));
  }
}
