import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, Controller, Get, Header, HttpException, Inject, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@hemotrace/auth';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import { Readiness } from '@hemotrace/platform';
import { HemotraceMetrics } from './hemotrace-metrics';

/** Probes answer in terminus' own shape (status, info, error, details), 503 when a check is down. */
@Catch(HttpException)
class ProbeResponseFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(exception.getStatus()).json(exception.getResponse());
  }
}

@ApiTags('operations')
@Controller('health')
@UseFilters(ProbeResponseFilter)
export class HealthProbesHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: Readiness,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('live')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is checked)' })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: the store answers and the read models have caught up with the log since start (503 until then)',
  })
  ready() {
    return this.health.check([() => this.storeAnswers(), () => this.projectionsCaughtUp()]);
  }

  private async storeAnswers(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('store');
    try {
      await this.store.readAll('', 1);
      return indicator.up({ kind: this.store.kind });
    } catch (error) {
      return indicator.down({
        kind: this.store.kind,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private projectionsCaughtUp(): HealthIndicatorResult {
    const indicator = this.indicators.check('projections');
    if (this.readiness.ready) return indicator.up({ caughtUp: true });
    return indicator.down({
      caughtUp: false,
      ...(this.readiness.error ? { message: this.readiness.error } : {}),
    });
  }
}

@ApiTags('operations')
@Controller('metrics')
export class MetricsHttpController {
  constructor(private readonly metrics: HemotraceMetrics) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
