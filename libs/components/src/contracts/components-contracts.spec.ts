import type { RecordedEvent } from '@hemotrace/event-sourcing';
import { ContractRegistry } from '@hemotrace/messaging';
import type { EquipmentEvent } from '../domain/equipment/equipment.events';
import type { UnitEvent } from '../domain/unit/unit.events';
import { componentsIntegrationContracts } from '../integration/components.integration-contracts';

const unitId = 'G123425000001-E0398V00';

const stored = (event: UnitEvent | EquipmentEvent, streamId = `Unit-${unitId}`): RecordedEvent => ({
  eventId: '0190a1b2-0000-7000-8000-0000000000cc',
  type: event.type,
  schemaVersion: 1,
  streamId,
  streamVersion: 4,
  globalPosition: 40,
  occurredAt: '2025-03-01T08:00:00.000Z',
  recordedAt: '2025-03-01T08:00:01.000Z',
  actor: { userId: 'u-comp', role: 'components', siteId: 'BC-1' },
  correlationId: 'corr-1',
  causationId: null,
  commandId: 'cmd-1',
  data: event.data,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

const cause = {
  type: 'DonationQualified',
  eventId: '0190a1b2-0000-7000-8000-0000000000aa',
  reference: 'LB-1',
};
const lateEntry = { reason: 'paper record entered after the outage', delayMinutes: 1500 };
const at = '2025-03-01T08:00:00.000Z';
const hospital = { requestId: 'REQ-1', hospitalSiteId: 'H-1' };

/** One of each unit lifecycle fact, every optional field present. */
const published: UnitEvent[] = [
  {
    type: 'UnitPrepared',
    data: {
      unitId,
      din: 'G123425000001',
      donorId: 'd-1',
      productCode: 'E0398V00',
      descriptionCode: 'E0398',
      productType: 'SUSPENDED_RED_CELLS',
      bloodGroup: { abo: 'A', rhd: 'NEG' },
      phenotype: { C: 'NEG', c: 'POS', E: 'NEG', K: 'NEG' },
      volumeMl: 280,
      plateletDoses: 1,
      bloodUnits: 2,
      preparedAt: at,
      expiresAt: '2025-04-05T08:00:00.000Z',
      siteId: 'BC-1',
      parentUnitIds: ['G123425000001-E0001V00'],
      sourceDins: ['G123425000001'],
      method: 'SEPARATION',
      equipmentId: 'CF-1',
      status: 'Quarantined',
    },
  },
  {
    type: 'UnitQualified',
    data: { unitId, bloodGroup: { abo: 'A', rhd: 'NEG' }, phenotype: { C: 'NEG', c: 'POS' }, cause },
  },
  { type: 'UnitReleased', data: { unitId, releasedAt: at, cause } },
  {
    type: 'UnitQuarantined',
    data: { unitId, holdId: 'H-1', reason: 'TEMPERATURE_EXCURSION', quarantinedAt: at, cause },
  },
  {
    type: 'UnitQualityDecisionRecorded',
    data: {
      unitId,
      holdId: 'H-1',
      decision: 'DISCARD',
      reason: 'out of range 4 h',
      decidedAt: at,
      lateEntry,
    },
  },
  {
    type: 'UnitDiscarded',
    data: { unitId, reason: 'DAMAGED', note: 'bag torn', discardedAt: at, cause, lateEntry },
  },
  { type: 'UnitExpired', data: { unitId, expiresAt: at, expiredAt: at } },
  {
    type: 'UnitConsumed',
    data: { unitId, intoUnitIds: [`${unitId}A`, `${unitId}B`], method: 'DIVISION', consumedAt: at },
  },
  { type: 'UnitStored', data: { unitId, siteId: 'BC-1', equipmentId: 'FR-1', at, lateEntry } },
  { type: 'UnitShipped', data: { unitId, shipmentId: 'S-1', fromSiteId: 'BC-1', toSiteId: 'H-1', at } },
  {
    type: 'UnitCustodyTransferred',
    data: {
      unitId,
      shipmentId: 'S-1',
      fromSiteId: 'BC-1',
      toSiteId: 'H-1',
      custodianType: 'HOSPITAL',
      via: 'RECEIVED',
      at,
    },
  },
  { type: 'UnitAllocatedToPatient', data: { unitId, ...hospital, allocatedAt: at, cause } },
  { type: 'UnitAllocationReleased', data: { unitId, ...hospital, releasedAt: at, cause } },
  { type: 'UnitTransfusionRecorded', data: { unitId, ...hospital, transfusedAt: at, cause } },
  { type: 'UnitWastedAtHospital', data: { unitId, ...hospital, reason: 'dropped', wastedAt: at, cause } },
];

describe("the components context's published contracts", () => {
  const registry = new ContractRegistry();
  for (const contract of componentsIntegrationContracts) registry.registerContract(contract);

  it.each(published.map((e) => [e.type, e] as const))(
    'maps %s explicitly to its stored data and the recording site',
    (_type, event) => {
      const routing = registry.route(stored(event));
      expect(routing.publish && routing.event.type).toBe(`components.${event.type}.v1`);
      const data = routing.publish ? (routing.event.data as Record<string, unknown>) : {};
      expect(data).toEqual({ ...event.data, recordedAtSite: 'BC-1' });
      expect(Object.keys(data).sort()).toEqual([...Object.keys(event.data), 'recordedAtSite'].sort());
    },
  );

  it('leaves absent optional fields absent rather than undefined', () => {
    const routing = registry.route(
      stored({ type: 'UnitDiscarded', data: { unitId, reason: 'OTHER', discardedAt: at } }),
    );
    const data = routing.publish ? (routing.event.data as Record<string, unknown>) : {};
    expect(Object.keys(data).sort()).toEqual(['discardedAt', 'reason', 'recordedAtSite', 'unitId']);
  });

  it('publishes every fact of a unit stream, each under one contract', () => {
    expect(registry.registeredTypes().sort()).toEqual(published.map((e) => `components.${e.type}.v1`).sort());
  });

  it('keeps the equipment facts inside the context', () => {
    const excursion: EquipmentEvent = {
      type: 'TemperatureExcursionReported',
      data: {
        excursionId: 'X-1',
        siteId: 'BC-1',
        equipmentId: 'FR-1',
        startedAt: at,
        endedAt: at,
        observedC: 9,
        reportedAt: at,
      },
    };
    expect(registry.route(stored(excursion, 'Equipment-BC-1.FR-1'))).toMatchObject({
      publish: false,
      reason: 'unregistered',
    });
  });
});
