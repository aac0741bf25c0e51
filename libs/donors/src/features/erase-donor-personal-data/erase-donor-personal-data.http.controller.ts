import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import { EraseDonorPersonalDataCommand } from './erase-donor-personal-data.command';
import { ErasePersonalDataRequest } from './erase-donor-personal-data.request';

@ApiTags('donors')
@ApiBearerAuth()
@Controller('donors')
export class EraseDonorPersonalDataHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':donorId/erasure')
  @HttpCode(200)
  @Allow('admin')
  @ApiOperation({
    summary:
      "Erase a donor's identity (crypto-shredding): destroys the key, records the erasure; donations stay traceable",
  })
  erase(
    @Param('donorId') donorId: string,
    @Body() body: ErasePersonalDataRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<{ donorId: string; erasedAt: string }> {
    return this.commandBus.execute(
      new EraseDonorPersonalDataCommand(donorId, body.legalBasis, body.reason, ctx),
    );
  }
}
