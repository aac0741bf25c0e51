import type { DomainEvent } from '@hemotrace/event-sourcing';
import { handleCommand, InMemoryEventStore } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import type { IntegrationEvent } from '@hemotrace/messaging';
import { reactionContext } from '@hemotrace/messaging';
import { unitStreamId } from '../contracts/components.contracts';
import { unitDecider } from '../domain/unit/unit.decide';
import { at, HOSPITAL, prepared, qualified, RED, released } from '../domain/unit/unit.fixtures';
import { unitReactionsTo } from './unit-lifecycle.reactor';

const fact = (id: string, type: string, data: Record<string, unknown>): IntegrationEvent => ({
  id,
  type,
  source: `hemotrace/${type.split('.')[0]}`,
  subject: 'irrelevant',
  time: at(20),
  recordedAt: at(20),
  streamVersion: 1,
  correlationId: 'corr-1',
  causationId: null,
  data: { ...data, recordedAtSite: 'BC-1' },
});

/** What distribution and the hospital publish about one unit, issued, received and transfused. */
const facts: IntegrationEvent[] = [
  fact('evt-dispatch', 'distribution.ShipmentDispatched.v1', {
    shipmentId: 'S-H',
    type: 'HOSPITAL_ISSUE',
    fromSiteId: 'BC-1',
    toSiteId: HOSPITAL,
    unitIds: [RED],
    dispatchedAt: at(20),
  }),
  fact('evt-receipt', 'distribution.ShipmentReceived.v1', {
    shipmentId: 'S-H',
    type: 'HOSPITAL_ISSUE',
    fromSiteId: 'BC-1',
    toSiteId: HOSPITAL,
    units: [{ unitId: RED, accepted: true }],
    receivedAt: at(22),
  }),
  fact('evt-allocated', 'transfusion.UnitAllocated.v1', {
    requestId: 'REQ-1',
    hospitalSiteId: HOSPITAL,
    unitId: RED,
    allocatedAt: at(25),
  }),
  fact('evt-transfused', 'transfusion.UnitTransfused.v1', {
    requestId: 'REQ-1',
    hospitalSiteId: HOSPITAL,
    unitId: RED,
    startedAt: at(28),
    endedAt: at(30),
  }),
];

const react = async (store: InMemoryEventStore, handlerName: string): Promise<void> => {
  for (const event of facts) {
    for (const { unitId, step, command } of unitReactionsTo(event)) {
      const ctx = reactionContext(handlerName, event, at(31), step);
      await handleCommand(store, unitDecider, unitStreamId(unitId), command, {
        actor: ctx.actor,
        correlationId: ctx.correlationId,
        causationId: ctx.causationId,
        commandId: ctx.commandId,
        occurredAt: ctx.now,
      });
    }
  }
};

describe('the unit lifecycle reactions', () => {
  const setup = async () => {
    const store = new InMemoryEventStore();
    const history: DomainEvent[] = [prepared(), qualified(), released()];
    await store.append({
      streamId: unitStreamId(RED),
      events: history,
      expectedVersion: 'any',
      metadata: { actor: systemActor('BC-1'), correlationId: 'corr-0', occurredAt: at(3) },
    });
    return store;
  };

  it('record shipment, receipt, allocation and transfusion with command ids derived from their causes', async () => {
    const store = await setup();
    await react(store, 'components.unit-lifecycle');
    const events = await store.readStream(unitStreamId(RED));
    expect(events.slice(3).map((e) => [e.type, e.commandId, e.causationId])).toEqual([
      ['UnitShipped', 'components.unit-lifecycle:evt-dispatch:shipped', 'evt-dispatch'],
      ['UnitCustodyTransferred', 'components.unit-lifecycle:evt-receipt:received', 'evt-receipt'],
      ['UnitAllocatedToPatient', 'components.unit-lifecycle:evt-allocated:hospital', 'evt-allocated'],
      ['UnitTransfusionRecorded', 'components.unit-lifecycle:evt-transfused:hospital', 'evt-transfused'],
    ]);
    expect(events.at(-1)?.data).toMatchObject({ transfusedAt: at(30), requestId: 'REQ-1' });
  });

  it('add nothing when replayed, under the same name or under another one (other command ids)', async () => {
    const store = await setup();
    await react(store, 'components.unit-lifecycle');
    const once = (await store.readStream(unitStreamId(RED))).length;
    await react(store, 'components.unit-lifecycle');
    await react(store, 'distribution.unit-custody');
    expect(await store.readStream(unitStreamId(RED))).toHaveLength(once);
  });
});
