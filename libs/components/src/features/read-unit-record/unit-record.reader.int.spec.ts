import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import { loadConfig, PlatformModule } from '@hemotrace/platform';
import { ComponentsModule } from '../../components.module';
import type { UnitEvent } from '../../domain/unit/unit.events';
import { UnitNotFound } from '../../domain/unit/unit.errors';
import { at, prepared, qualified, RED, released, shipped } from '../../domain/unit/unit.fixtures';
import { UnitRecordReader } from './unit-record.reader';

/* Only the reader's module: no units projection exists here, as in a service of another context. */
describe("a unit as its stream says (UnitRecordReader, on the in-memory store, no components' read model)", () => {
  let moduleRef: TestingModule;
  let store: EventStore;
  let reader: UnitRecordReader;

  const given = async (unitId: string, events: UnitEvent[]) =>
    store.append({
      streamId: `Unit-${unitId}`,
      events,
      expectedVersion: 'any',
      metadata: { actor: systemActor('BC-1'), correlationId: `corr-${unitId}`, occurredAt: at(2) },
    });

  beforeAll(async () => {
    const config = loadConfig({ HEMOTRACE_STORE: 'memory', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(config), ComponentsModule.unitRecords()],
    }).compile();
    await moduleRef.init();
    store = moduleRef.get<EventStore>(EVENT_STORE);
    reader = moduleRef.get(UnitRecordReader);
  });

  afterAll(() => moduleRef.close());

  it('answers a prepared unit as quarantined at the center that prepared it', async () => {
    const unitId = 'A999925000002-E0398V00';
    await given(unitId, [prepared({ unitId, din: 'A999925000002', sourceDins: ['A999925000002'] })]);
    expect(await reader.get(unitId)).toEqual({
      unitId,
      productCode: 'E0398V00',
      productType: 'SUSPENDED_RED_CELLS',
      category: 'RED_CELLS',
      status: 'Quarantined',
      expiresAt: at(35 * 24),
      siteId: 'BC-1',
      custodianType: 'BLOOD_CENTER',
      volumeMl: 280,
      bloodUnits: 2,
    });
  });

  it('answers a released unit the moment its release is on the stream, and names the shipment it travels in', async () => {
    await given(RED, [prepared(), qualified(), released()]);
    expect(await reader.get(RED)).toMatchObject({ status: 'Released', siteId: 'BC-1' });
    await given(RED, [shipped('BC-2')]);
    expect(await reader.get(RED)).toMatchObject({ status: 'Released', inTransitShipmentId: 'S-1' });
  });

  it('refuses a unit with no stream as not found', async () => {
    await expect(reader.get('A999925099999-E0398V00')).rejects.toBeInstanceOf(UnitNotFound);
  });
});
