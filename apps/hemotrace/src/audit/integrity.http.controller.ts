import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, verifyStore } from '@hemotrace/event-sourcing';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('integrity')
export class IntegrityHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Allow(...READERS)
  @ApiOperation({ summary: 'Verify every hash chain in the store and say what is wrong where' })
  async verify() {
    const started = Date.now();
    const report = await verifyStore(this.store);
    return { ...report, findings: report.findings.slice(0, 1000), tookMs: Date.now() - started };
  }
}
