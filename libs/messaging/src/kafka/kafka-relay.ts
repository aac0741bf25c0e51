import type { Span } from '@opentelemetry/api';
import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { EventStore, LogBatch, ReadModelStore, Subscription } from '@hemotrace/event-sourcing';
import type { ContractRegistry } from '../contracts/contract-registry';
import type { BoundedContextName } from '../contracts/integration-event';
import { allTopics, DEFAULT_TOPIC_PREFIX, topicFor } from '../topics';
import { encodeKafkaRecord } from './cloudevents';
import { ensureTopics } from './kafka-client';
import { endPublishSpans, startPublishSpan } from './kafka-tracing';
import { PartitionedSender } from './partitioned-send';

export const RELAY_CHECKPOINT = 'relay:kafka';

export interface KafkaRelayOptions {
  kafka: Kafka;
  store: EventStore;
  readModels: ReadModelStore;
  registry: ContractRegistry;
  topicPrefix?: string;
  /** Checkpoint name in the read-model store. */
  name?: string;
  /**
   * Publish only these contexts' streams (a service relays its own context's events from a log
   * shared with other services, each relay with its own checkpoint); all contexts when absent.
   */
  contexts?: readonly BoundedContextName[];
  batchSize?: number;
  pollIntervalMs?: number;
  partitions?: number;
  /** A failed batch (broker down, ...): the same batch is retried with backoff. */
  onError?: (error: unknown) => void;
  /** Stream categories no context claims: withheld, reported once per category. */
  onUnroutable?: (category: string) => void;
}

export interface RelayStats {
  published: number;
  /** Events of this relay's contexts (or of no context) kept inside the process. */
  withheld: number;
  /** Events of streams another context owns (its own relay publishes or withholds them). */
  others: number;
  batches: number;
  failures: number;
  checkpoint: string;
}

/**
 * The log is the outbox (ARCHITECTURE.md): follows the global log from a stored checkpoint and
 * publishes every routable event to its context's topic, keyed by stream id. The checkpoint moves
 * only after the broker acknowledged the whole batch on all in-sync replicas; a failed batch is
 * retried from the same checkpoint with backoff, so nothing is skipped and a crash or an outage
 * gives duplicates (at-least-once), never gaps. Consumers dedupe by event id.
 */
export class KafkaRelay {
  private readonly producer: Producer;
  private readonly sender: PartitionedSender;
  private readonly prefix: string;
  private readonly name: string;
  private subscription: Subscription | null = null;
  private connected = false;
  private readonly reported = new Set<string>();
  readonly stats: RelayStats = {
    published: 0,
    withheld: 0,
    others: 0,
    batches: 0,
    failures: 0,
    checkpoint: '',
  };

  constructor(private readonly options: KafkaRelayOptions) {
    this.prefix = options.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
    this.name = options.name ?? RELAY_CHECKPOINT;
    // One request in flight: a retried batch can repeat events but never reorder a key.
    this.producer = options.kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.sender = new PartitionedSender(options.kafka, this.producer);
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = false;
      this.sender.forgetMetadata();
    });
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    const from = await this.options.readModels.getCheckpoint(this.name);
    this.stats.checkpoint = from;
    this.subscription = this.options.store.subscribe(from, (batch) => this.publish(batch), {
      batchSize: this.options.batchSize ?? 500,
      pollIntervalMs: this.options.pollIntervalMs ?? 100,
      onError: (error) => {
        this.stats.failures += 1;
        this.options.onError?.(error);
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    await this.producer.disconnect().catch(() => undefined);
    this.connected = false;
  }

  /** True when every event in the log so far is on the broker. */
  async caughtUp(): Promise<boolean> {
    const next = await this.options.store.readAll(this.stats.checkpoint, 1);
    return next.events.length === 0;
  }

  private async publish(batch: LogBatch): Promise<void> {
    const byTopic = new Map<string, TopicMessages['messages']>();
    const spans: Span[] = [];
    let withheld = 0;
    let others = 0;
    const { contexts, registry } = this.options;
    for (const recorded of batch.events) {
      // Another context's stream is that context's relay's to publish or withhold: it is decided by
      // the stream's owner before any contract lookup, since this service registers only its own
      // context's contracts (every other context's event would otherwise look `unregistered`).
      const owner = contexts ? registry.contextOfStream(recorded.streamId) : null;
      if (contexts && owner && !contexts.includes(owner)) {
        others += 1;
        continue;
      }
      const routing = registry.route(recorded);
      if (!routing.publish) {
        withheld += 1;
        if (routing.reason === 'unroutable' && !this.reported.has(routing.category)) {
          this.reported.add(routing.category);
          this.options.onUnroutable?.(routing.category);
        }
        continue;
      }
      const topic = topicFor(routing.context, this.prefix);
      const messages = byTopic.get(topic) ?? [];
      byTopic.set(topic, messages);
      const record = encodeKafkaRecord(routing.event);
      spans.push(startPublishSpan(recorded, topic, record));
      messages.push(record);
    }
    if (byTopic.size > 0) {
      try {
        await this.connect();
        await this.sender.send([...byTopic].map(([topic, messages]) => ({ topic, messages })));
      } catch (error) {
        endPublishSpans(spans, error);
        throw error;
      }
      endPublishSpans(spans);
    }
    await this.options.readModels.commit(this.name, batch.checkpoint, []);
    this.stats.checkpoint = batch.checkpoint;
    this.stats.batches += 1;
    this.stats.withheld += withheld;
    this.stats.others += others;
    this.stats.published += batch.events.length - withheld - others;
  }

  private async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    await ensureTopics(this.options.kafka, allTopics(this.prefix), this.options.partitions).catch(
      (error: unknown) => this.options.onError?.(error),
    );
    this.connected = true;
  }
}
