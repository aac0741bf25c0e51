import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, READERS } from '@hemotrace/auth';
import type { Actor, Clock } from '@hemotrace/kernel';
import { CLOCK, InvalidInput } from '@hemotrace/kernel';
import { InvestigationQueries } from '../../read-models/investigations/investigations.query';

const KINDS = ['LOOKBACK', 'TRACEBACK', 'RECALL'];
const STATUSES = ['Open', 'Closed'];

@ApiTags('investigations')
@ApiBearerAuth()
@Controller('investigations')
export class ListInvestigationsHttpController {
  constructor(
    private readonly investigations: InvestigationQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Allow(...READERS, 'laboratory', 'distribution', 'hospital')
  @ApiOperation({
    summary: 'Investigations; overdue=true lists open ones with a consignee past its notification deadline',
  })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'kind', required: false, enum: KINDS })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'donorId', required: false })
  @ApiQuery({ name: 'patientId', required: false })
  list(
    @CurrentActor() actor: Actor,
    @Query('overdue') overdue?: string,
    @Query('kind') kind?: string,
    @Query('status') status?: string,
    @Query('donorId') donorId?: string,
    @Query('patientId') patientId?: string,
  ) {
    if (overdue !== undefined && overdue !== 'true' && overdue !== 'false')
      throw new InvalidInput('TRACE.INVALID_QUERY', 'overdue must be true or false', { overdue });
    if (kind !== undefined && !KINDS.includes(kind))
      throw new InvalidInput('TRACE.INVALID_QUERY', `kind must be one of ${KINDS.join(', ')}`, { kind });
    if (status !== undefined && !STATUSES.includes(status))
      throw new InvalidInput('TRACE.INVALID_QUERY', `status must be one of ${STATUSES.join(', ')}`, {
        status,
      });
    return this.investigations.list(
      { overdue: overdue === 'true', kind, status, donorId, patientId, now: this.clock.now().toISOString() },
      actor,
    );
  }

  @Get(':investigationId')
  @Allow(...READERS, 'laboratory', 'distribution', 'hospital')
  @ApiOperation({ summary: 'One investigation with its consignees, deadlines and recorded steps' })
  get(@Param('investigationId') id: string, @CurrentActor() actor: Actor) {
    return this.investigations.get(id, actor);
  }
}
