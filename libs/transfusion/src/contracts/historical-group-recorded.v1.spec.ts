import type { RecordedEvent } from '@hemotrace/event-sourcing';
import { historicalGroupRecordedV1 } from './historical-group-recorded.v1';

const at = '2024-11-05T10:00:00.000Z';

describe('transfusion.HistoricalGroupRecorded.v1', () => {
  it('keeps the v1 wire data over the v2 stored shape', () => {
    const event = {
      type: 'HistoricalGroupRecorded',
      schemaVersion: 2,
      actor: { userId: 'u-1', role: 'hospital', siteId: 'HOSP-1' },
      data: { patientId: 'p-1', bloodGroup: { abo: 'A', rhd: 'NEG' }, source: 'HIS', notedAt: at },
    } as unknown as RecordedEvent;
    expect(historicalGroupRecordedV1.toContract(event)).toEqual({
      patientId: 'p-1',
      bloodGroup: { abo: 'A', rhd: 'NEG' },
      source: 'HIS',
      recordedAt: at,
      recordedAtSite: 'HOSP-1',
    });
  });
});
