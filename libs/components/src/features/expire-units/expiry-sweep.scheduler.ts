import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@hemotrace/kernel';
import { CLOCK, newId, systemActor } from '@hemotrace/kernel';
import type { Logger } from '@hemotrace/platform';
import { LOGGER } from '@hemotrace/platform';
import { UnitExpiry } from './unit-expiry.service';

export const EXPIRY_SWEEP_INTERVAL_MS = Symbol('ExpirySweepIntervalMs');

/** HEMOTRACE_EXPIRY_SWEEP_MS: milliseconds between sweeps, 60 000 by default, 0 turns the sweep off. */
export const expirySweepIntervalFrom = (env: NodeJS.ProcessEnv): number => {
  const raw = env.HEMOTRACE_EXPIRY_SWEEP_MS;
  if (raw === undefined || raw.trim() === '') return 60_000;
  const ms = Number(raw);
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new Error(`HEMOTRACE_EXPIRY_SWEEP_MS must be a whole number of milliseconds (0 = off); got ${raw}`);
  }
  return ms;
};

/** 'skipped' when the previous sweep was still running. */
export type SweepOutcome = { expired: string[] } | 'skipped';

/**
 * Expired units leave available stock without anyone pressing the sweep button: the same sweep as
 * POST /components/expiry-sweep, for every site, on a timer, as the system actor of the unit's site.
 */
@Injectable()
export class ExpirySweepScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepOutcome> | undefined;

  constructor(
    private readonly expiry: UnitExpiry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EXPIRY_SWEEP_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs === 0) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    /* A pending sweep must not keep a finished process alive. */
    this.timer.unref();
  }

  /** Before the stores close (onApplicationShutdown): no new sweep, and the running one finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep; never rejects, so a failing store or unit cannot take the process down. */
  tick(): Promise<SweepOutcome> {
    if (this.running) return Promise.resolve('skipped');
    this.running = this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(): Promise<SweepOutcome> {
    const correlationId = newId();
    try {
      const expired = await this.expiry.expireDue({
        now: this.clock.now().toISOString(),
        context: (unit) => ({ actor: systemActor(unit.siteId), correlationId, causationId: null }),
        onFailure: (unitId, error) =>
          this.logger.error({ err: error, unitId, correlationId }, 'Expiry sweep could not expire a unit'),
      });
      if (expired.length > 0) this.logger.info({ expired, correlationId }, 'Expiry sweep expired units');
      return { expired };
    } catch (error) {
      this.logger.error({ err: error, correlationId }, 'Expiry sweep failed');
      return { expired: [] };
    }
  }
}
