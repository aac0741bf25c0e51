import type { IntegrationEvent } from '../contracts/integration-event';

/** A Kafka record in CloudEvents 1.0 binary content mode (Kafka protocol binding 1.0). */
export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export const CE = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  subject: 'ce_subject',
  time: 'ce_time',
  /** Extension attributes (lower-case alphanumeric names, as CloudEvents requires). */
  recordedat: 'ce_recordedat',
  streamversion: 'ce_streamversion',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  contentType: 'content-type',
} as const;

export const encodeKafkaRecord = (event: IntegrationEvent): KafkaRecord => {
  const headers: Record<string, string> = {
    [CE.specversion]: '1.0',
    [CE.id]: event.id,
    [CE.type]: event.type,
    [CE.source]: event.source,
    [CE.subject]: event.subject,
    [CE.time]: event.time,
    [CE.recordedat]: event.recordedAt,
    [CE.streamversion]: String(event.streamVersion),
    [CE.correlationid]: event.correlationId,
    [CE.contentType]: 'application/json',
  };
  if (event.causationId) headers[CE.causationid] = event.causationId;
  return { key: event.subject, value: JSON.stringify(event.data ?? null), headers };
};

export class MalformedMessage extends Error {
  constructor(reason: string) {
    super(`Not a Hemotrace CloudEvent: ${reason}`);
    this.name = 'MalformedMessage';
  }
}

export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined;

export const headerText = (headers: RawHeaders, name: string): string | undefined => {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
};

/** Reads a record written by encodeKafkaRecord (or by any CloudEvents binary-mode producer). */
export const decodeKafkaRecord = (message: {
  value: Buffer | string | null;
  headers?: RawHeaders;
}): IntegrationEvent => {
  const h = (name: string) => headerText(message.headers, name);
  const required = (name: string) => {
    const value = h(name);
    if (!value) throw new MalformedMessage(`missing header ${name}`);
    return value;
  };
  if (required(CE.specversion) !== '1.0') throw new MalformedMessage(`specversion ${h(CE.specversion)}`);
  const contentType = h(CE.contentType);
  if (contentType && !contentType.startsWith('application/json')) {
    throw new MalformedMessage(`content-type ${contentType}`);
  }
  let data: unknown = null;
  if (message.value !== null && message.value.length > 0) {
    try {
      data = JSON.parse(message.value.toString());
    } catch {
      throw new MalformedMessage('value is not JSON');
    }
  }
  return {
    id: required(CE.id),
    type: required(CE.type),
    source: required(CE.source),
    subject: required(CE.subject),
    time: required(CE.time),
    recordedAt: h(CE.recordedat) ?? required(CE.time),
    streamVersion: Number(h(CE.streamversion) ?? 0),
    correlationId: h(CE.correlationid) ?? required(CE.id),
    causationId: h(CE.causationid) ?? null,
    data,
  };
};
