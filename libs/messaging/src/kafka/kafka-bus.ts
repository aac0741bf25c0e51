import { LOG_START } from '@hemotrace/event-sourcing';
import type { BusKind, ContractProjection, IntegrationBus, IntegrationEventHandler } from '../bus.port';
import type { KafkaConsumerOptions } from './kafka-consumer';
import { KafkaIntegrationConsumer } from './kafka-consumer';

/** Distributed mode: each handler is its own consumer group on its contexts' topics. */
export class KafkaBus implements IntegrationBus {
  readonly kind: BusKind = 'kafka';
  private readonly consumers: KafkaIntegrationConsumer[] = [];
  private readonly handlers = new Map<string, IntegrationEventHandler>();
  private readonly projections: ContractProjection[] = [];

  constructor(private readonly options: KafkaConsumerOptions) {}

  subscribe(handler: IntegrationEventHandler): void {
    if (this.handlers.has(handler.name))
      throw new Error(`A handler named ${handler.name} is already subscribed`);
    this.handlers.set(handler.name, handler);
    this.consumers.push(new KafkaIntegrationConsumer(handler, this.options));
  }

  /**
   * One more consumer group. Its documents are cleared when it first starts on this store (no
   * checkpoint of its own yet), so documents left by an earlier projection of the same collections
   * are not counted twice.
   */
  project(projection: ContractProjection): void {
    this.subscribe(projection);
    this.projections.push(projection);
  }

  handler(name: string): IntegrationEventHandler | undefined {
    return this.handlers.get(name);
  }

  get subscriptions(): readonly KafkaIntegrationConsumer[] {
    return this.consumers;
  }

  async start(): Promise<void> {
    const { readModels } = this.options;
    for (const projection of this.projections) {
      const name = KafkaIntegrationConsumer.checkpointName(projection);
      if ((await readModels.getCheckpoint(name)) === LOG_START)
        await readModels.reset(name, [...projection.collections]);
      for (const [collection, indexes] of Object.entries(projection.indexes ?? {}))
        for (const fields of indexes) await readModels.ensureIndex(collection, [...fields]);
    }
    for (const consumer of this.consumers) await consumer.start();
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.consumers.map((consumer) => consumer.stop()));
  }
}
