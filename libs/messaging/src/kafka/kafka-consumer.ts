import type { Consumer, EachMessagePayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { UnitOfWork } from '@hemotrace/event-sourcing';
import type { IntegrationEventHandler, RetryPolicy } from '../bus.port';
import { backoffDelay, DEFAULT_RETRY, describeError, sleep } from '../bus.port';
import type { IntegrationEvent } from '../contracts/integration-event';
import { handleOnce, handles } from '../idempotent-handling';
import type { DeadLetter, DeadLetterSink } from '../failures/dead-letter';
import { DEAD_LETTER_OFFICE, DEAD_LETTERS, deadLetterId } from '../failures/dead-letter';
import { failureErrorOf, isPermanentFailure } from '../failures/failure-error';
import { DEFAULT_TOPIC_PREFIX, deadLetterTopicFor, topicFor } from '../topics';
import { decodeKafkaRecord } from './cloudevents';
import { ensureTopics } from './kafka-client';
import { inConsumeSpan } from './kafka-tracing';

export interface KafkaConsumerOptions {
  kafka: Kafka;
  readModels: ReadModelStore;
  topicPrefix?: string;
  retry?: Partial<RetryPolicy>;
  /** A new consumer group starts at the beginning of each topic (default) or at its end. */
  fromBeginning?: boolean;
  partitions?: number;
  /** How long the group waits for a silent member (a crashed one) before reassigning its partitions. */
  sessionTimeoutMs?: number;
  now?: () => Date;
  /** After the handler's effects are committed and before the offset is: metrics, and tests that crash there. */
  onHandled?: (event: IntegrationEvent, outcome: 'handled' | 'duplicate') => void | Promise<void>;
  onDeadLetter?: (topic: string, error: { name: string; message: string }) => void;
  /** Records each dead-lettered event as a fact (ReactionFailed); the letter is also kept for replay. */
  deadLetters?: DeadLetterSink;
  onError?: (error: unknown) => void;
  /** The group assigned partitions to this member (after start, and after every rebalance). */
  onGroupJoin?: () => void;
}

export interface ConsumerStats {
  handled: number;
  duplicates: number;
  ignored: number;
  deadLettered: number;
}

export const DLQ_HEADERS = {
  error: 'dlq_error',
  errorName: 'dlq_error_name',
  attempts: 'dlq_attempts',
  topic: 'dlq_original_topic',
  partition: 'dlq_original_partition',
  offset: 'dlq_original_offset',
  group: 'dlq_consumer_group',
  failedAt: 'dlq_failed_at',
} as const;

/**
 * One handler as one Kafka consumer group. Per message: dedupe by event id, run the handler and
 * commit its document writes with the processed marker, and only then commit the offset
 * (autoCommit off). A failing handler is retried with exponential backoff, then the message goes
 * to `<topic>.dlq` with the error in its headers and the group moves on. A crash anywhere before
 * the offset commit redelivers the message, which the dedupe turns into a no-op.
 */
export class KafkaIntegrationConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly retry: RetryPolicy;
  private readonly prefix: string;
  private readonly now: () => Date;
  private producerConnected = false;
  private running = false;
  readonly groupId: string;
  readonly stats: ConsumerStats = { handled: 0, duplicates: 0, ignored: 0, deadLettered: 0 };

  constructor(
    private readonly handler: IntegrationEventHandler,
    private readonly options: KafkaConsumerOptions,
  ) {
    this.prefix = options.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
    this.groupId = `${this.prefix}.${handler.name}`;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.now = options.now ?? (() => new Date());
    this.consumer = options.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.min(3_000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 3)),
      // One failing broker call should not end the consumer: restart and resume from the committed offset.
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000, restartOnFailure: async () => true },
    });
    this.producer = options.kafka.producer({
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.producerConnected = false;
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => this.options.onError?.(event.payload.error));
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.options.onGroupJoin?.());
  }

  get topics(): string[] {
    return this.handler.contexts.map((context) => topicFor(context, this.prefix));
  }

  async start(): Promise<void> {
    if (this.running) return;
    try {
      await ensureTopics(
        this.options.kafka,
        [...this.topics, ...this.topics.map(deadLetterTopicFor)],
        this.options.partitions,
      );
      await this.consumer.connect();
      await this.consumer.subscribe({
        topics: this.topics,
        fromBeginning: this.options.fromBeginning ?? true,
      });
      await this.consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: 1,
        eachMessage: (payload) => this.onMessage(payload),
      });
    } catch (error) {
      await this.consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.running = true;
  }

  /** Leaves the group; whatever was handled but not yet committed is redelivered to the next member. */
  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
    this.producerConnected = false;
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    let event: IntegrationEvent | null = null;
    try {
      event = decodeKafkaRecord(message);
    } catch (error) {
      await this.deadLetter(topic, partition, message, error, 0, null);
    }
    if (event && !handles(this.handler, event)) this.stats.ignored += 1;
    else if (event) {
      const handled = event;
      await inConsumeSpan(topic, message, this.groupId, () =>
        this.handleWithRetries(topic, partition, message, handled, heartbeat),
      );
    }
    await this.consumer.commitOffsets([
      { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
    ]);
  }

  private async handleWithRetries(
    topic: string,
    partition: number,
    message: KafkaMessage,
    event: IntegrationEvent,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const tx = new UnitOfWork(this.options.readModels);
        const fresh = await handleOnce(this.handler, event, tx, this.now().toISOString());
        if (fresh) {
          await this.options.readModels.commit(
            `consumer:${this.handler.name}`,
            `${topic}/${partition}/${message.offset}`,
            tx.writes(),
          );
          this.stats.handled += 1;
        } else {
          this.stats.duplicates += 1;
        }
        await this.options.onHandled?.(event, fresh ? 'handled' : 'duplicate');
        return;
      } catch (error) {
        if (attempt >= this.retry.maxAttempts || isPermanentFailure(error)) {
          await this.deadLetter(topic, partition, message, error, attempt, event);
          return;
        }
        await sleep(backoffDelay(this.retry, attempt));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: unknown,
    attempts: number,
    event: IntegrationEvent | null,
  ): Promise<void> {
    const described = describeError(error);
    const headers: IHeaders = {
      ...message.headers,
      [DLQ_HEADERS.error]: described.message,
      [DLQ_HEADERS.errorName]: described.name,
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.topic]: topic,
      [DLQ_HEADERS.partition]: String(partition),
      [DLQ_HEADERS.offset]: message.offset,
      [DLQ_HEADERS.group]: this.groupId,
      [DLQ_HEADERS.failedAt]: this.now().toISOString(),
    };
    if (!this.producerConnected) {
      await this.producer.connect();
      this.producerConnected = true;
    }
    await this.producer.send({
      topic: deadLetterTopicFor(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    if (event) await this.keepLetter(event, error, attempts, headers[DLQ_HEADERS.failedAt] as string);
    this.stats.deadLettered += 1;
    this.options.onDeadLetter?.(topic, described);
  }

  private async keepLetter(
    event: IntegrationEvent,
    error: unknown,
    attempts: number,
    failedAt: string,
  ): Promise<void> {
    const letter: DeadLetter = {
      id: deadLetterId(this.handler.name, event.id),
      handler: this.handler.name,
      event,
      error: failureErrorOf(error),
      attempts,
      failedAt,
      bus: 'kafka',
    };
    await this.options.deadLetters?.deadLettered(letter);
    await this.options.readModels.commit(DEAD_LETTER_OFFICE, letter.id, [
      { op: 'put', collection: DEAD_LETTERS, id: letter.id, doc: letter },
    ]);
  }
}
