import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@hemotrace/auth';
import { Allow, CommandCtx } from '@hemotrace/auth';
import type { TestingCommandResult } from '../donation-testing.runner';
import { dinFromPath } from '../donation-testing.runner';
import { RecordPhenotypeCommand } from './record-phenotype.command';
import { RecordPhenotypeRequest } from './record-phenotype.request';

@ApiTags('laboratory')
@ApiBearerAuth()
@Controller('laboratory/donations')
export class RecordPhenotypeHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':din/phenotypes')
  @HttpCode(201)
  @Allow('laboratory')
  @ApiOperation({
    summary: 'Record extended red-cell phenotype results (e.g. E-,Fya-,c+) for the rare-donor registry',
  })
  phenotype(
    @Param('din') din: string,
    @Body() body: RecordPhenotypeRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<TestingCommandResult> {
    return this.commandBus.execute(new RecordPhenotypeCommand(dinFromPath(din), body, ctx));
  }
}
