import type { RecordedEvent } from '@hemotrace/event-sourcing';
import { ContractRegistry } from '@hemotrace/messaging';
import { laboratoryIntegrationContracts } from '../integration/laboratory.integration-contracts';
import { MARKER_TESTED_V1 } from './marker-tested.v1';

const recorded = (data: object): RecordedEvent => ({
  eventId: '0190a1b2-0000-7000-8000-0000000000ab',
  type: 'MarkerResultRecorded',
  schemaVersion: 1,
  streamId: 'DonationTesting-G123425000001',
  streamVersion: 3,
  globalPosition: 30,
  occurredAt: '2025-03-01T07:30:00.000Z',
  recordedAt: '2025-03-02T08:00:00.000Z',
  actor: { userId: 'u-lab', role: 'laboratory', siteId: 'BC-2' },
  correlationId: 'corr-1',
  causationId: null,
  commandId: 'cmd-1',
  data,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

describe('laboratory.MarkerTested.v1', () => {
  const registry = new ContractRegistry();
  for (const contract of laboratoryIntegrationContracts) registry.registerContract(contract);

  it('publishes the reagent lot, the instrument and the business time of a screening test, not its result', () => {
    const routing = registry.route(
      recorded({
        din: 'G123425000001',
        resultId: 'r-1',
        marker: 'HCV',
        method: 'CLIA',
        reagent: { manufacturer: 'ACME', lot: 'RG-42' },
        instrument: 'ANALYSER-3',
        value: 0.2,
        interpretation: 'NON_REACTIVE',
        testRole: 'INITIAL',
        testedAt: '2025-03-01T07:30:00.000Z',
      }),
    );
    expect(routing.publish && routing.event.type).toBe(MARKER_TESTED_V1);
    expect(routing.publish && routing.event.data).toEqual({
      din: 'G123425000001',
      marker: 'HCV',
      reagent: { manufacturer: 'ACME', lot: 'RG-42' },
      instrument: 'ANALYSER-3',
      testedAt: '2025-03-01T07:30:00.000Z',
      recordedAtSite: 'BC-2',
    });
  });
});
