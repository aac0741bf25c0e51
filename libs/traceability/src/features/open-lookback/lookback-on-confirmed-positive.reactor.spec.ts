import type { CommandBus } from '@nestjs/cqrs';
import type { ProjectionRunner } from '@hemotrace/event-sourcing';
import type { IntegrationEvent } from '@hemotrace/messaging';
import { DONOR_CONFIRMED_POSITIVE_V1 } from '@hemotrace/laboratory/contracts';
import type { ImpactQueries } from '../../read-models/investigations/impact.query';
import {
  LineageBehindError,
  LookbackOnConfirmedPositiveReactor,
} from './lookback-on-confirmed-positive.reactor';
import { OpenLookbackCommand } from './open-lookback.command';

const confirmed: IntegrationEvent = {
  id: 'ev-positive',
  type: DONOR_CONFIRMED_POSITIVE_V1,
  source: 'hemotrace/laboratory',
  subject: 'DonationTesting-A999926000001',
  time: '2026-03-20T09:00:00.000Z',
  recordedAt: '2026-03-20T09:05:00.000Z',
  streamVersion: 9,
  correlationId: 'corr-1',
  causationId: null,
  data: {
    din: 'A999926000001',
    donorId: 'donor-7',
    marker: 'HIV',
    confirmedAt: '2026-03-20T09:00:00.000Z',
    recordedAtSite: 'BC-1',
  },
};

/** The reactor with test doubles: the bus kind, and a graph that knows the trigger after `known` checks. */
const reactor = (kind: 'in-process' | 'kafka', known: number) => {
  const execute = jest.fn().mockResolvedValue({ investigationId: 'LB-ev-positive', events: [] });
  let checks = 0;
  const impact = {
    knowsConfirmedPositive: jest.fn(async () => {
      checks += 1;
      return checks > known;
    }),
  } as unknown as ImpactQueries;
  const subject = new LookbackOnConfirmedPositiveReactor(
    { execute } as unknown as CommandBus,
    { catchUp: jest.fn().mockResolvedValue(undefined) } as unknown as ProjectionRunner,
    { now: () => new Date('2026-03-21T00:00:00.000Z') },
    'CN-2019',
    impact,
    { kind },
  );
  return { subject, execute, impact };
};

describe('the lookback opened on a confirmed positive, when the lineage graph is a Kafka consumer group', () => {
  afterEach(() => jest.useRealTimers());

  it('waits until the graph has folded the confirmed positive and its donation, then opens the lookback', async () => {
    jest.useFakeTimers();
    const { subject, execute } = reactor('kafka', 3);
    const handled = subject.handle(confirmed);
    await jest.advanceTimersByTimeAsync(1_000);
    await handled;
    expect(execute).toHaveBeenCalledTimes(1);
    expect(execute.mock.calls[0]![0]).toBeInstanceOf(OpenLookbackCommand);
    expect(execute.mock.calls[0]![0]).toMatchObject({
      investigationId: 'LB-ev-positive',
      donorId: 'donor-7',
    });
  });

  it('does not open a lookback on a graph that never learns of it: the bus retries, then records the failure', async () => {
    jest.useFakeTimers();
    const { subject, execute } = reactor('kafka', Number.POSITIVE_INFINITY);
    const handled = subject.handle(confirmed).catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(11_000);
    const error = await handled;
    expect(error).toBeInstanceOf(LineageBehindError);
    expect(error).toMatchObject({ code: 'TRACE.LINEAGE_BEHIND' });
    expect(execute).not.toHaveBeenCalled();
  });

  it('in one process relies on the catch-up alone (the graph runs among the projections)', async () => {
    const { subject, execute, impact } = reactor('in-process', Number.POSITIVE_INFINITY);
    await subject.handle(confirmed);
    expect(impact.knowsConfirmedPositive).not.toHaveBeenCalled();
    expect(execute).toHaveBeenCalledTimes(1);
  });
});
