import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@hemotrace/auth';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import { Readiness } from '@hemotrace/platform';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    private readonly readiness: Readiness,
  ) {}

  @Get()
  @Public()
  async health() {
    await this.store.readAll('', 1);
    return {
      status: 'ok',
      store: this.store.kind,
      processors: this.runner.names.length,
      /* The server listens before the read models catch up; /health/ready answers 503 until then. */
      ready: this.readiness.ready,
    };
  }
}
