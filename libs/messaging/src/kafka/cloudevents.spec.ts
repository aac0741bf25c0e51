import type { IntegrationEvent } from '../contracts/integration-event';
import { decodeKafkaRecord, encodeKafkaRecord, MalformedMessage } from './cloudevents';

const event: IntegrationEvent = {
  id: 'e-1',
  type: 'collection.DonationCompleted.v1',
  source: 'hemotrace/collection',
  subject: 'Donation-G123425000001',
  time: '2025-03-01T08:00:00.000Z',
  recordedAt: '2025-03-01T08:00:01.000Z',
  streamVersion: 2,
  correlationId: 'corr-1',
  causationId: null,
  data: { din: 'G123425000001', volumeMl: 400 },
};

const asKafka = (record: ReturnType<typeof encodeKafkaRecord>) => ({
  value: Buffer.from(record.value),
  headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])),
});

describe('CloudEvents binary mode on Kafka', () => {
  it('puts the attributes in ce_ headers, the data as the JSON value and the stream id as key', () => {
    const record = encodeKafkaRecord(event);
    expect(record.key).toBe('Donation-G123425000001');
    expect(JSON.parse(record.value)).toEqual(event.data);
    expect(record.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: 'e-1',
      ce_type: 'collection.DonationCompleted.v1',
      ce_source: 'hemotrace/collection',
      ce_subject: 'Donation-G123425000001',
      ce_time: '2025-03-01T08:00:00.000Z',
      ce_recordedat: '2025-03-01T08:00:01.000Z',
      ce_streamversion: '2',
      ce_correlationid: 'corr-1',
      'content-type': 'application/json',
    });
  });

  it('reads back exactly what it wrote, causation included', () => {
    const withCause = { ...event, causationId: 'e-0' };
    expect(decodeKafkaRecord(asKafka(encodeKafkaRecord(withCause)))).toEqual(withCause);
  });

  it('refuses a record that is not a CloudEvent', () => {
    const record = asKafka(encodeKafkaRecord(event));
    delete record.headers.ce_type;
    expect(() => decodeKafkaRecord(record)).toThrow(MalformedMessage);
    expect(() =>
      decodeKafkaRecord({ ...asKafka(encodeKafkaRecord(event)), value: Buffer.from('{') }),
    ).toThrow(/not JSON/);
  });
});
