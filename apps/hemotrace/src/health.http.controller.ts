import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@hemotrace/auth';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @Public()
  async health() {
    await this.store.readAll('', 1);
    return { status: 'ok', store: this.store.kind, processors: this.runner.names.length };
  }
}
