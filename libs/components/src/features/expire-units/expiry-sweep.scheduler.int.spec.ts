import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import { CLOCK, ManualClock, systemActor } from '@hemotrace/kernel';
import { MessagingModule } from '@hemotrace/messaging';
import type { Logger } from '@hemotrace/platform';
import { CommandExecutor, loadConfig, LOGGER, PlatformModule } from '@hemotrace/platform';
import { ComponentsModule } from '../../components.module';
import { unitStreamId } from '../../contracts/components.contracts';
import { at, DIN, prepared, RED } from '../../domain/unit/unit.fixtures';
import { UnitQueries } from '../../read-models/unit.queries';
import {
  EXPIRY_SWEEP_INTERVAL_MS,
  ExpirySweepScheduler,
  expirySweepIntervalFrom,
} from './expiry-sweep.scheduler';
import { UnitExpiry } from './unit-expiry.service';

const PLASMA = `${DIN}-E2620V00`;
const RED_EXPIRES = at(35 * 24);

describe('the scheduled expiry sweep', () => {
  let moduleRef: TestingModule;
  let clock: ManualClock;
  let store: EventStore;

  const boot = async () => {
    clock = new ManualClock(at(10));
    const config = loadConfig({ HEMOTRACE_STORE: 'memory', NODE_ENV: 'test' });
    moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(config), MessagingModule.forRoot(), ComponentsModule],
    })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .overrideProvider(EXPIRY_SWEEP_INTERVAL_MS)
      .useValue(0)
      .compile();
    await moduleRef.init();
    store = moduleRef.get<EventStore>(EVENT_STORE);
    const seed = async (event: ReturnType<typeof prepared>) => {
      const unitId = (event.data as { unitId: string }).unitId;
      await store.append({
        streamId: unitStreamId(unitId),
        events: [event],
        expectedVersion: 'no_stream',
        metadata: { actor: systemActor('BC-1'), correlationId: 'seed', occurredAt: at(2) },
      });
    };
    await seed(prepared({ status: 'Released', expiresAt: RED_EXPIRES }));
    await seed(
      prepared({
        unitId: PLASMA,
        productCode: 'E2620V00',
        descriptionCode: 'E2620',
        productType: 'FRESH_FROZEN_PLASMA',
        status: 'Released',
        expiresAt: at(5 * 365 * 24),
      }),
    );
    await moduleRef.get(ProjectionRunner).catchUp();
  };

  const typesOf = async (unitId: string) => (await store.readStream(unitStreamId(unitId))).map((e) => e.type);

  beforeEach(boot);
  afterEach(() => moduleRef.close());

  it('expires on the injected clock a unit past its expiry and leaves the in-date one in stock', async () => {
    const scheduler = moduleRef.get(ExpirySweepScheduler);
    expect(await scheduler.tick()).toEqual({ expired: [] });
    expect(await typesOf(RED)).toEqual(['UnitPrepared']);

    clock.set(at(35 * 24 + 1));
    expect(await scheduler.tick()).toEqual({ expired: [RED] });

    const [, expired] = await store.readStream(unitStreamId(RED));
    expect(expired).toMatchObject({
      type: 'UnitExpired',
      data: { unitId: RED, expiresAt: RED_EXPIRES, expiredAt: at(35 * 24 + 1) },
      actor: systemActor('BC-1'),
      commandId: `expiry:${RED}`,
    });
    const units = moduleRef.get(UnitQueries);
    expect((await units.get(RED)).status).toBe('Expired');
    expect((await units.get(PLASMA)).status).toBe('Released');
    expect(await typesOf(PLASMA)).toEqual(['UnitPrepared']);
  });

  it('skips a tick while the previous sweep still runs and records the expiry once', async () => {
    clock.set(at(35 * 24 + 1));
    const scheduler = moduleRef.get(ExpirySweepScheduler);
    const outcomes = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect(outcomes).toEqual([{ expired: [RED] }, 'skipped']);
    expect(await typesOf(RED)).toEqual(['UnitPrepared', 'UnitExpired']);
  });

  it('records one UnitExpired when two processes sweep the same unit at once', async () => {
    clock.set(at(35 * 24 + 1));
    const logger = moduleRef.get<Logger>(LOGGER);
    const errors = jest.spyOn(logger, 'error');
    const secondProcess = new ExpirySweepScheduler(
      new UnitExpiry(
        new CommandExecutor(store, moduleRef.get(ProjectionRunner), logger),
        moduleRef.get(UnitQueries),
      ),
      clock,
      logger,
      0,
    );
    const outcomes = await Promise.all([moduleRef.get(ExpirySweepScheduler).tick(), secondProcess.tick()]);
    expect(outcomes).toEqual([{ expired: [RED] }, { expired: [RED] }]);
    expect(await typesOf(RED)).toEqual(['UnitPrepared', 'UnitExpired']);
    expect(errors).not.toHaveBeenCalled();
  });

  it('logs a failing sweep instead of throwing, and the next tick runs again', async () => {
    clock.set(at(35 * 24 + 1));
    const errors = jest.spyOn(moduleRef.get<Logger>(LOGGER), 'error');
    jest.spyOn(moduleRef.get(UnitQueries), 'find').mockRejectedValueOnce(new Error('read model offline'));
    const scheduler = moduleRef.get(ExpirySweepScheduler);
    expect(await scheduler.tick()).toEqual({ expired: [] });
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      'Expiry sweep failed',
    );
    expect(await scheduler.tick()).toEqual({ expired: [RED] });
  });
});

describe('HEMOTRACE_EXPIRY_SWEEP_MS', () => {
  it('defaults to a minute, accepts 0 to turn the sweep off and refuses anything else', () => {
    expect(expirySweepIntervalFrom({})).toBe(60_000);
    expect(expirySweepIntervalFrom({ HEMOTRACE_EXPIRY_SWEEP_MS: '0' })).toBe(0);
    expect(expirySweepIntervalFrom({ HEMOTRACE_EXPIRY_SWEEP_MS: '250' })).toBe(250);
    expect(() => expirySweepIntervalFrom({ HEMOTRACE_EXPIRY_SWEEP_MS: '-1' })).toThrow(
      /HEMOTRACE_EXPIRY_SWEEP_MS/,
    );
    expect(() => expirySweepIntervalFrom({ HEMOTRACE_EXPIRY_SWEEP_MS: 'soon' })).toThrow(
      /HEMOTRACE_EXPIRY_SWEEP_MS/,
    );
  });
});
