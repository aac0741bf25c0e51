import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { InvalidInput } from '@hemotrace/kernel';
import { listReactionFailures } from '@hemotrace/messaging';

const STATUSES = ['open', 'resolved'] as const;

/** Safety reactions that could not be carried out, as recorded facts (ReactionFailed), for the workbench. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('reaction-failures')
export class ReactionFailuresHttpController {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  @Get()
  @Allow(...READERS)
  @ApiOperation({ summary: 'Failed reactions (dead letters) and whether a replay resolved them' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({
    name: 'reaction',
    required: false,
    description: 'e.g. traceability.lookback-on-confirmed-positive',
  })
  async list(@Query('status') status?: string, @Query('reaction') reaction?: string) {
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw new InvalidInput('AUDIT.INVALID_STATUS', `status is one of ${STATUSES.join(', ')}`, { status });
    }
    const failures = await listReactionFailures(this.readModels, {
      status: status as (typeof STATUSES)[number] | undefined,
      reaction,
    });
    return { failures };
  }
}
