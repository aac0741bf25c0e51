import {
  InMemoryEventStore,
  UpcasterRegistry,
  UpcastingEventStore,
  verifyEvents,
} from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import type { PatientEvent } from './patient.events';
import { evolvePatient, initialPatientState } from './patient.state';
import { patientUpcasters } from './patient.upcasters';

const at = '2024-11-05T10:00:00.000Z';
const metadata = { actor: systemActor('HOSP-1'), correlationId: 'c-1', occurredAt: at };

describe('a historical blood group recorded in schema version 1', () => {
  const setup = async () => {
    const registry = new UpcasterRegistry();
    registry.register(...patientUpcasters);
    const raw = new InMemoryEventStore();
    /* The shape written before version 2, straight into the store. */
    await raw.append({
      streamId: 'Patient-p-1',
      events: [
        { type: 'PatientRegistered', data: { patientId: 'p-1', hospitalSiteId: 'HOSP-1', registeredAt: at } },
        {
          type: 'HistoricalGroupRecorded',
          schemaVersion: 1,
          data: { patientId: 'p-1', bloodGroup: { abo: 'A', rhd: 'NEG' }, source: 'HIS', recordedAt: at },
        },
      ],
      expectedVersion: 'no_stream',
      metadata,
    });
    return new UpcastingEventStore(raw, registry).readStream('Patient-p-1');
  };

  it('reads as version 2, with the business time named notedAt, and its hash still verifies', async () => {
    const events = await setup();
    expect(events[1]).toMatchObject({
      schemaVersion: 2,
      data: { patientId: 'p-1', bloodGroup: { abo: 'A', rhd: 'NEG' }, source: 'HIS', notedAt: at },
    });
    expect(events[1]?.data).not.toHaveProperty('recordedAt');
    expect(verifyEvents(events).ok).toBe(true);
  });

  it("folds into the patient's state like a version 2 event", async () => {
    const events = await setup();
    const state = events.reduce(
      (s, e) => evolvePatient(s, { type: e.type, data: e.data } as PatientEvent),
      initialPatientState,
    );
    expect(state).toMatchObject({ status: 'Registered', historicalGroups: [{ abo: 'A', rhd: 'NEG' }] });
  });
});
