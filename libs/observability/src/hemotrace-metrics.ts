import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventStore, ReadModelStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { DEAD_LETTERS, RELAY_CHECKPOINT } from '@hemotrace/messaging';
import type { HemotraceConfig } from '@hemotrace/platform';
import { HEMOTRACE_CONFIG, Readiness } from '@hemotrace/platform';

/** Lag is counted by reading the log after a checkpoint; past this many events it reads as this many. */
export const LAG_CAP = 10_000;

const CONTEXTS = [
  'donors',
  'collection',
  'laboratory',
  'components',
  'distribution',
  'transfusion',
  'traceability',
];

/** What an operator watches: HTTP latency, commands, projection and relay lag, store size, dead letters. */
@Injectable()
export class HemotraceMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'hemotrace_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'hemotrace_commands_total',
    help: 'Commands received over HTTP (POST/PUT/PATCH/DELETE under /api/v1) by route and outcome',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
  });

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly runner: ProjectionRunner,
    private readonly readiness: Readiness,
    @Inject(HEMOTRACE_CONFIG) private readonly config: HemotraceConfig,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'hemotrace_process_' });
    const lagOf = (name: string) => this.lagOf(name);
    /* First, so it is read before the slower lag gauges of the same scrape. */
    new Gauge({
      name: 'hemotrace_ready',
      help: '1 once the read models have caught up with the log since start, else 0',
      registers: [this.registry],
      collect() {
        this.set(readiness.ready ? 1 : 0);
      },
    });
    new Gauge({
      name: 'hemotrace_projection_lag_events',
      help: `Events in the log after each projection's or reactor's checkpoint (capped at ${LAG_CAP})`,
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        for (const name of runner.names) this.set({ projection: name }, await lagOf(name));
      },
    });
    new Gauge({
      name: 'hemotrace_relay_lag_events',
      help: `Events in the log after the Kafka relay's checkpoint (capped at ${LAG_CAP}); absent on the in-process bus`,
      labelNames: ['relay'],
      registers: [this.registry],
      async collect() {
        if (config.bus !== 'kafka') return;
        for (const name of [RELAY_CHECKPOINT, ...CONTEXTS.map((c) => `${RELAY_CHECKPOINT}:${c}`)]) {
          if ((await readModels.getCheckpoint(name)) !== '') {
            this.set({ relay: name }, await lagOf(name));
          }
        }
      },
    });
    new Gauge({
      name: 'hemotrace_store_bytes',
      help: 'Size of the embedded SQLite store file (0 on other stores)',
      registers: [this.registry],
      collect() {
        if (store.kind !== 'sqlite') return;
        try {
          this.set(statSync(join(config.dataDir, 'hemotrace.db')).size);
        } catch {
          /* the file is created on first start; nothing to report before */
        }
      },
    });
    new Gauge({
      name: 'hemotrace_dead_letters',
      help: 'Integration events a subscriber could not handle, kept as dead letters (in-process bus)',
      registers: [this.registry],
      async collect() {
        this.set(await readModels.count(DEAD_LETTERS));
      },
    });
  }

  async lagOf(name: string): Promise<number> {
    const checkpoint = await this.readModels.getCheckpoint(name);
    return (await this.store.readAll(checkpoint, LAG_CAP)).events.length;
  }
}

const OUTCOMES: [number, string][] = [
  [400, 'invalid'],
  [401, 'denied'],
  [403, 'denied'],
  [404, 'not_found'],
  [409, 'conflict'],
  [413, 'invalid'],
  [422, 'rejected'],
];

export const commandOutcome = (status: number): string => {
  if (status < 400) return 'accepted';
  if (status >= 500) return 'error';
  return OUTCOMES.find(([code]) => code === status)?.[1] ?? 'invalid';
};
