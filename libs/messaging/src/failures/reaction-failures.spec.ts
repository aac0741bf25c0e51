import type { EventStore, RecordedEvent } from '@hemotrace/event-sourcing';
import { InMemoryEventStore, InMemoryReadModelStore, ProjectionRunner } from '@hemotrace/event-sourcing';
import { NotFoundError, systemActor } from '@hemotrace/kernel';
import type { IntegrationEventHandler } from '../bus.port';
import { ContractRegistry } from '../contracts/contract-registry';
import { InProcessBus } from '../in-process/in-process-bus';
import type { DeadLetter } from './dead-letter';
import { DEAD_LETTERS } from './dead-letter';
import { DeadLetterOffice, ReplayFailed } from './dead-letter-office';
import { ReactionNotCarriedOut } from './failure-error';
import { ReactionFailureLog } from './reaction-failure-log';
import type { ReactionFailureDocument } from './reaction-failures.projection';
import { listReactionFailures, reactionFailuresProjection } from './reaction-failures.projection';

const CAUSE_AT = '2025-03-01T08:00:00.000Z';
const FAILED_AT = '2025-03-02T09:30:00.000Z';
const auditor = { userId: 'u-admin', role: 'admin' as const, siteId: 'BC-1' };

const appendPositive = (store: EventStore, din: string) =>
  store.append({
    streamId: `DonationTesting-${din}`,
    events: [{ type: 'DonorConfirmedPositive', data: { din, donorId: 'd-1', marker: 'HIV' } }],
    expectedVersion: 'any',
    metadata: { actor: systemActor('BC-1'), correlationId: 'corr-1', occurredAt: CAUSE_AT },
  });

/** A lookback reaction whose command side is down until `fault` is cleared. */
const lookback = (fault: { error: Error | null }, opened: string[]): IntegrationEventHandler => ({
  name: 'traceability.lookback-on-confirmed-positive',
  contexts: ['laboratory'],
  types: ['laboratory.DonorConfirmedPositive.v1'],
  async handle(event, tx) {
    if (fault.error) throw fault.error;
    opened.push(event.id);
    tx.put('lookbacks', event.id, { id: event.id });
  },
});

const setup = (fault: { error: Error | null }, opened: string[]) => {
  const store = new InMemoryEventStore();
  const readModels = new InMemoryReadModelStore();
  const runner = new ProjectionRunner(store, readModels);
  const log = new ReactionFailureLog(store);
  const registry = new ContractRegistry();
  registry.registerContract({
    context: 'laboratory',
    storedType: 'DonorConfirmedPositive',
    contractType: 'DonorConfirmedPositive',
    version: 1,
    toContract: (recorded) => ({ ...(recorded.data as object), recordedAtSite: recorded.actor.siteId }),
  });
  const bus = new InProcessBus(runner, registry, {
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    now: () => new Date(FAILED_AT),
    deadLetters: log,
  });
  bus.subscribe(lookback(fault, opened));
  runner.addProjection(reactionFailuresProjection);
  const office = new DeadLetterOffice(bus, readModels, log, () => new Date('2025-03-03T10:00:00.000Z'));
  return { store, readModels, runner, office };
};

const failureStream = 'ReactionFailure-traceability.lookback-on-confirmed-positive';

describe('a safety reaction that cannot be carried out', () => {
  it('is recorded as ReactionFailed, caused by the event, after its retries', async () => {
    const fault = { error: new Error('lineage store unavailable') as Error | null };
    const { store, readModels, runner } = setup(fault, []);
    const cause = (await appendPositive(store, 'G123425000001')).events[0]!;
    await runner.catchUp();
    const [failed] = await store.readStream(failureStream);
    expect(failed).toMatchObject({
      type: 'ReactionFailed',
      schemaVersion: 1,
      occurredAt: FAILED_AT,
      causationId: cause.eventId,
      correlationId: 'corr-1',
      commandId: `reaction-failed:traceability.lookback-on-confirmed-positive:${cause.eventId}`,
      actor: systemActor('BC-1'),
      data: {
        reaction: 'traceability.lookback-on-confirmed-positive',
        cause: {
          eventId: cause.eventId,
          type: 'laboratory.DonorConfirmedPositive.v1',
          subject: 'DonationTesting-G123425000001',
          time: CAUSE_AT,
        },
        error: { code: 'Error', name: 'Error', message: 'lineage store unavailable' },
        attempts: 3,
        bus: 'in-process',
      },
    });
    /* The failure was appended during that pass; the projection of failures reads it on the next one. */
    await runner.catchUp();
    const [listed] = await listReactionFailures(readModels, { status: 'open' });
    expect(listed).toMatchObject<Partial<ReactionFailureDocument>>({
      reaction: 'traceability.lookback-on-confirmed-positive',
      status: 'open',
      failedAt: FAILED_AT,
      streamId: failureStream,
    });
  });

  it('is dead-lettered at once, with the domain code, when it can never succeed as things stand', async () => {
    const unknownDonor = new NotFoundError('DONOR.NOT_FOUND', 'No donor d-1');
    const fault = { error: new ReactionNotCarriedOut(unknownDonor) as Error | null };
    const { store, runner } = setup(fault, []);
    await appendPositive(store, 'G123425000001');
    await runner.catchUp();
    const [failed] = await store.readStream(failureStream);
    expect(failed?.data).toMatchObject({
      attempts: 1,
      error: { code: 'DONOR.NOT_FOUND', name: 'NotFoundError', message: 'No donor d-1' },
    });
  });

  it('records a failed replay, then applies the reaction once when replayed after the fault is gone', async () => {
    const opened: string[] = [];
    const fault = { error: new Error('lineage store unavailable') as Error | null };
    const { store, readModels, runner, office } = setup(fault, opened);
    const cause = (await appendPositive(store, 'G123425000001')).events[0]!;
    await runner.catchUp();
    const [letter] = await office.list();
    expect(letter).toMatchObject<Partial<DeadLetter>>({
      handler: 'traceability.lookback-on-confirmed-positive',
    });

    await expect(office.replay(letter!.id, auditor)).rejects.toThrow(ReplayFailed);
    expect(opened).toEqual([]);

    fault.error = null;
    await expect(office.replay(letter!.id, auditor)).resolves.toMatchObject({ outcome: 'applied' });
    expect(opened).toEqual([cause.eventId]);
    expect(await readModels.count('lookbacks')).toBe(1);
    expect(await readModels.count(DEAD_LETTERS)).toBe(0);
    await expect(office.replay(letter!.id, auditor)).rejects.toThrow(NotFoundError);

    /* The bus redelivering the cause (a rebuilt checkpoint) finds it processed and adds nothing. */
    await runner.rebuild(InProcessBus.processorName({ name: 'traceability.lookback-on-confirmed-positive' }));
    await runner.catchUp();
    expect(opened).toEqual([cause.eventId]);

    const facts = (await store.readStream(failureStream)).map((e: RecordedEvent) => [
      e.type,
      (e.data as { outcome?: string }).outcome ?? null,
      e.actor.userId,
    ]);
    expect(facts).toEqual([
      ['ReactionFailed', null, 'system'],
      ['DeadLetterReplayed', 'failed', 'u-admin'],
      ['DeadLetterReplayed', 'applied', 'u-admin'],
    ]);
    await runner.catchUp();
    const [listed] = await listReactionFailures(readModels);
    expect(listed).toMatchObject({
      status: 'resolved',
      replays: [
        { replay: 1, outcome: 'failed', by: 'u-admin', error: { message: 'lineage store unavailable' } },
        { replay: 2, outcome: 'applied', by: 'u-admin', at: '2025-03-03T10:00:00.000Z' },
      ],
    });
  });

  it('adds nothing when the same dead letter is recorded twice (a retried batch)', async () => {
    const { store, runner, readModels } = setup({ error: new Error('down') }, []);
    await appendPositive(store, 'G123425000001');
    await runner.catchUp();
    const [letter] = await readModels.find<DeadLetter>(DEAD_LETTERS);
    await new ReactionFailureLog(store).deadLettered(letter!);
    expect(await store.readStream(failureStream)).toHaveLength(1);
  });
});
