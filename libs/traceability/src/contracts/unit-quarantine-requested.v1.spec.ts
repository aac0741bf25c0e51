import type { RecordedEvent } from '@hemotrace/event-sourcing';
import { ContractRegistry } from '@hemotrace/messaging';
import { unitQuarantineRequestedV1 } from './unit-quarantine-requested.v1';

describe('traceability.UnitQuarantineRequested.v1', () => {
  it('publishes the stored request as it always was, and nothing else of an investigation', () => {
    const registry = new ContractRegistry();
    registry.registerContract(unitQuarantineRequestedV1);
    const data = {
      investigationId: 'LB-1',
      unitId: 'G123425000001-E0398V00',
      reason: 'RECALL',
      custodianSiteId: null,
      requestedAt: '2025-03-01T08:00:00.000Z',
    };
    const event = (type: string, payload: unknown) =>
      ({
        eventId: 'e-1',
        type,
        schemaVersion: 1,
        streamId: 'Investigation-LB-1',
        streamVersion: 2,
        occurredAt: '2025-03-01T08:00:00.000Z',
        recordedAt: '2025-03-01T08:00:01.000Z',
        actor: { userId: 'system', role: 'admin', siteId: 'BC-1' },
        correlationId: 'c-1',
        causationId: null,
        data: payload,
      }) as unknown as RecordedEvent;
    const routing = registry.route(event('UnitQuarantineRequested', data));
    expect(routing.publish && routing.event.type).toBe('traceability.UnitQuarantineRequested.v1');
    expect(routing.publish && routing.event.data).toEqual(data);
    expect(registry.route(event('LookbackOpened', {}))).toMatchObject({
      publish: false,
      reason: 'unregistered',
    });
  });
});
