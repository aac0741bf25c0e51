import type { RecordedEvent } from '@hemotrace/event-sourcing';
import { ContractRegistry } from '@hemotrace/messaging';
import type { DonationTestingEvent } from '../domain/donation-testing/donation-testing.events';
import { laboratoryIntegrationContracts } from '../integration/laboratory.integration-contracts';

const stored = (event: DonationTestingEvent): RecordedEvent => ({
  eventId: '0190a1b2-0000-7000-8000-0000000000aa',
  type: event.type,
  schemaVersion: 1,
  streamId: 'DonationTesting-G123425000001',
  streamVersion: 9,
  globalPosition: 90,
  occurredAt: '2025-03-01T08:00:00.000Z',
  recordedAt: '2025-03-01T08:00:01.000Z',
  actor: { userId: 'u-lab', role: 'laboratory', siteId: 'BC-1' },
  correlationId: 'corr-1',
  causationId: null,
  commandId: 'cmd-1',
  data: event.data,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

/** Every optional field present: what the laboratory has always put on the wire (stored data + recording site). */
const published: DonationTestingEvent[] = [
  {
    type: 'DonationQualified',
    data: {
      din: 'G123425000001',
      donorId: 'd-1',
      bloodGroup: { abo: 'O', rhd: 'POS' },
      phenotype: { C: 'POS', c: 'POS', E: 'NEG', K: 'NEG' },
      antibodyScreen: { result: 'POSITIVE', identifiedAntibodies: ['anti-K'] },
      qualifiedAt: '2025-03-01T08:00:00.000Z',
    },
  },
  {
    type: 'DonationRejected',
    data: {
      din: 'G123425000001',
      donorId: 'd-1',
      reactiveMarkers: ['HCV'],
      rejectedAt: '2025-03-01T08:00:00.000Z',
    },
  },
  {
    type: 'DonorConfirmedPositive',
    data: { din: 'G123425000001', donorId: 'd-1', marker: 'HIV', confirmedAt: '2025-03-01T08:00:00.000Z' },
  },
];

describe("the laboratory's published contracts", () => {
  const registry = new ContractRegistry();
  for (const contract of laboratoryIntegrationContracts) registry.registerContract(contract);

  it.each(published.map((e) => [e.type, e] as const))(
    'maps %s explicitly to the same wire data it always had',
    (_type, event) => {
      const routing = registry.route(stored(event));
      expect(routing.publish && routing.event.type).toBe(`laboratory.${event.type}.v1`);
      expect(routing.publish && routing.event.data).toEqual({ ...event.data, recordedAtSite: 'BC-1' });
    },
  );

  it('keeps every other stored event inside the context', () => {
    const routing = registry.route(
      stored({
        type: 'SampleReceived',
        data: {
          din: 'G123425000001',
          donorId: 'd-1',
          collectedAt: '2025-03-01T07:00:00.000Z',
          labSiteId: 'BC-1',
          labType: 'CENTRAL_LAB',
          transportMinutes: 30,
          condition: 'ACCEPTABLE',
          receivedAt: '2025-03-01T08:00:00.000Z',
        },
      }),
    );
    expect(routing).toMatchObject({ publish: false, reason: 'unregistered' });
  });
});
