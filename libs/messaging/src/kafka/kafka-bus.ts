import type { BusKind, IntegrationBus, IntegrationEventHandler } from '../bus.port';
import type { KafkaConsumerOptions } from './kafka-consumer';
import { KafkaIntegrationConsumer } from './kafka-consumer';

/** Distributed mode: each handler is its own consumer group on its contexts' topics. */
export class KafkaBus implements IntegrationBus {
  readonly kind: BusKind = 'kafka';
  private readonly consumers: KafkaIntegrationConsumer[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly options: KafkaConsumerOptions) {}

  subscribe(handler: IntegrationEventHandler): void {
    if (this.names.has(handler.name))
      throw new Error(`A handler named ${handler.name} is already subscribed`);
    this.names.add(handler.name);
    this.consumers.push(new KafkaIntegrationConsumer(handler, this.options));
  }

  get subscriptions(): readonly KafkaIntegrationConsumer[] {
    return this.consumers;
  }

  async start(): Promise<void> {
    for (const consumer of this.consumers) await consumer.start();
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.consumers.map((consumer) => consumer.stop()));
  }
}
