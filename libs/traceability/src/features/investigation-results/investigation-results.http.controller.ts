import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, READERS } from '@hemotrace/auth';
import type { Actor } from '@hemotrace/kernel';
import { InvestigationResultQueries } from '../../read-models/investigations/investigation-results.query';

@ApiTags('investigations')
@ApiBearerAuth()
@Controller('investigations')
export class InvestigationResultsHttpController {
  constructor(private readonly results: InvestigationResultQueries) {}

  @Get(':investigationId/results')
  @Allow(...READERS, 'laboratory', 'distribution', 'hospital')
  @ApiOperation({
    summary:
      'What a lookback, traceback or recall reached, read now: donations, every derived unit with its lifecycle state, consignees, and recipients (hospital + patient id, transfusion times); a hospital sees only its own',
  })
  get(@Param('investigationId') id: string, @CurrentActor() actor: Actor) {
    return this.results.results(id, actor);
  }
}
