/** The bounded contexts that publish integration events; each has one topic. */
export const BOUNDED_CONTEXTS = [
  'donors',
  'collection',
  'laboratory',
  'components',
  'distribution',
  'transfusion',
  'traceability',
] as const;

export type BoundedContextName = (typeof BOUNDED_CONTEXTS)[number];

/**
 * What other services see of a stored event: a versioned contract (`laboratory.DonationQualified.v1`)
 * in a CloudEvents-shaped envelope. The stored event stays private to its context; this is the
 * promise made to subscribers, so its data changes only by adding a new version.
 */
export interface IntegrationEvent<Data = unknown> {
  /** The stored event's eventId: the same fact keeps the same id on every delivery (dedupe key). */
  id: string;
  /** `<context>.<Fact>.v<version>` */
  type: string;
  /** `hemotrace/<context>` */
  source: string;
  /** The stream id (`Donation-<DIN>`): the Kafka key, so one entity's events stay in order. */
  subject: string;
  /** Business time (the stored occurredAt). */
  time: string;
  /** When the system learnt it (the stored recordedAt). */
  recordedAt: string;
  /** Position in the subject's stream, for consumers that check per-entity order. */
  streamVersion: number;
  correlationId: string;
  causationId: string | null;
  data: Data;
}

export const sourceOf = (context: BoundedContextName): string => `hemotrace/${context}`;

export const contextOfSource = (source: string): BoundedContextName | null => {
  const name = source.startsWith('hemotrace/') ? source.slice('hemotrace/'.length) : '';
  return (BOUNDED_CONTEXTS as readonly string[]).includes(name) ? (name as BoundedContextName) : null;
};

export const contractTypeName = (context: BoundedContextName, fact: string, version: number): string =>
  `${context}.${fact}.v${version}`;
