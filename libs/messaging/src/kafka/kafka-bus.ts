import type { BusKind, IntegrationBus, IntegrationEventHandler } from '../bus.port';
import type { KafkaConsumerOptions } from './kafka-consumer';
import { KafkaIntegrationConsumer } from './kafka-consumer';

/** Distributed mode: each handler is its own consumer group on its contexts' topics. */
export class KafkaBus implements IntegrationBus {
  readonly kind: BusKind = 'kafka';
  private readonly consumers: KafkaIntegrationConsumer[] = [];
  private readonly handlers = new Map<string, IntegrationEventHandler>();

  constructor(private readonly options: KafkaConsumerOptions) {}

  subscribe(handler: IntegrationEventHandler): void {
    if (this.handlers.has(handler.name))
      throw new Error(`A handler named ${handler.name} is already subscribed`);
    this.handlers.set(handler.name, handler);
    this.consumers.push(new KafkaIntegrationConsumer(handler, this.options));
  }

  handler(name: string): IntegrationEventHandler | undefined {
    return this.handlers.get(name);
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
