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
  /**
   * An offset commit that has not succeeded after this long means the member is stuck (see
   * `replaceMember`): it is replaced by a fresh one. Default 15 s.
   */
  commitTimeoutMs?: number;
  /** The stuck member was replaced; why. */
  onMemberReplaced?: (reason: string) => void;
}

export interface ConsumerStats {
  handled: number;
  duplicates: number;
  ignored: number;
  deadLettered: number;
  /** Members replaced because their offset commits were stuck. */
  replacedMembers: number;
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

/** Thrown out of a retired member's message handler so that kafkajs lets go of the message. */
export class RetiredMemberError extends Error {
  readonly code = 'MESSAGING.CONSUMER_MEMBER_RETIRED';
  constructor(groupId: string) {
    super(`A retired member of ${groupId} handles nothing; its replacement takes over`);
    this.name = 'RetiredMemberError';
  }
}

/**
 * One handler as one Kafka consumer group. Per message: dedupe by event id, run the handler and
 * commit its document writes with the processed marker, and only then commit the offset
 * (autoCommit off). A failing handler is retried with exponential backoff, then the message goes
 * to `<topic>.dlq` with the error in its headers and the group moves on. A crash anywhere before
 * the offset commit redelivers the message, which the dedupe turns into a no-op.
 */
export class KafkaIntegrationConsumer {
  /** The read-model checkpoint committed with each handled event's documents. */
  static checkpointName(handler: Pick<IntegrationEventHandler, 'name'>): string {
    return `consumer:${handler.name}`;
  }

  private consumer: Consumer;
  private readonly producer: Producer;
  private readonly retry: RetryPolicy;
  private readonly prefix: string;
  private readonly now: () => Date;
  private readonly commitTimeoutMs: number;
  private producerConnected = false;
  private running = false;
  private replacing: Promise<void> | null = null;
  readonly groupId: string;
  readonly stats: ConsumerStats = {
    handled: 0,
    duplicates: 0,
    ignored: 0,
    deadLettered: 0,
    replacedMembers: 0,
  };

  constructor(
    private readonly handler: IntegrationEventHandler,
    private readonly options: KafkaConsumerOptions,
  ) {
    this.prefix = options.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
    this.groupId = `${this.prefix}.${handler.name}`;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.now = options.now ?? (() => new Date());
    this.commitTimeoutMs = options.commitTimeoutMs ?? 15_000;
    this.consumer = this.newMember();
    this.producer = options.kafka.producer({
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.producerConnected = false;
    });
  }

  get topics(): string[] {
    return this.handler.contexts.map((context) => topicFor(context, this.prefix));
  }

  async start(): Promise<void> {
    if (this.running) return;
    await ensureTopics(
      this.options.kafka,
      [...this.topics, ...this.topics.map(deadLetterTopicFor)],
      this.options.partitions,
    );
    await this.run(this.consumer);
    this.running = true;
  }

  /** Leaves the group; whatever was handled but not yet committed is redelivered to the next member. */
  async stop(): Promise<void> {
    this.running = false;
    await this.replacing;
    await this.consumer.disconnect().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
    this.producerConnected = false;
  }

  private newMember(): Consumer {
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = this.options.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout,
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
      // One failing broker call should not end the consumer: restart and resume from the committed offset.
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000, restartOnFailure: async () => true },
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.options.onError?.(event.payload.error);
      // kafkajs restarts a member only after a retriable error; after any other (a commit refused
      // with UNKNOWN_MEMBER_ID once the group moved on, say) the member has stopped for good.
      if (!event.payload.restart)
        this.replaceMember(consumer, `crashed: ${describeError(event.payload.error).message}`);
    });
    consumer.on(consumer.events.GROUP_JOIN, () => this.options.onGroupJoin?.());
    return consumer;
  }

  private async run(consumer: Consumer): Promise<void> {
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: 1,
        eachMessage: (payload) => this.onMessage(consumer, payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /**
   * kafkajs 2.2.4 can keep a member committing to a broker that is no longer its group's
   * coordinator, for good: on NOT_COORDINATOR_FOR_GROUP the offset manager refreshes the cluster
   * metadata but keeps the coordinator it had while that broker stays connected
   * (src/consumer/offsetManager, tulios/kafkajs#1152). The member then handles nothing more. A
   * member whose commit is stuck, or that crashed with an error kafkajs does not restart after, is
   * therefore retired (it handles nothing from then on) and a fresh member, which looks its
   * coordinator up again, takes its place; what the old one handled without
   * committing is redelivered and dropped as a duplicate by event id.
   */
  private replaceMember(retired: Consumer, reason: string): void {
    if (this.replacing || !this.running || retired !== this.consumer) return;
    const fresh = this.newMember();
    this.consumer = fresh;
    this.stats.replacedMembers += 1;
    this.options.onMemberReplaced?.(reason);
    this.replacing = (async () => {
      // disconnect waits for the retired member's current message, whose commit is the stuck call.
      await Promise.race([retired.disconnect().catch(() => undefined), sleep(this.commitTimeoutMs)]);
      for (let attempt = 1; this.running && this.consumer === fresh; attempt += 1) {
        try {
          await this.run(fresh);
          return;
        } catch (error) {
          this.options.onError?.(error);
          await sleep(backoffDelay(this.retry, Math.min(attempt, 8)));
        }
      }
    })().finally(() => {
      this.replacing = null;
    });
  }

  private async commit(
    consumer: Consumer,
    topic: string,
    partition: number,
    message: KafkaMessage,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<'stuck'>((resolve) => {
      timer = setTimeout(() => resolve('stuck'), this.commitTimeoutMs);
    });
    try {
      const outcome = await Promise.race([
        consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]),
        stuck,
      ]);
      if (outcome === 'stuck') {
        this.replaceMember(
          consumer,
          `offset commit of ${topic}/${partition}@${message.offset} stuck for ${this.commitTimeoutMs} ms`,
        );
        throw new RetiredMemberError(this.groupId);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private async onMessage(
    consumer: Consumer,
    { topic, partition, message, heartbeat }: EachMessagePayload,
  ): Promise<void> {
    // A retired member may still be handed messages before it has left: they are the new member's.
    if (consumer !== this.consumer) throw new RetiredMemberError(this.groupId);
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
    await this.commit(consumer, topic, partition, message);
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
            KafkaIntegrationConsumer.checkpointName(this.handler),
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
