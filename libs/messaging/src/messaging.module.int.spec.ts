import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { EventStore, ReadModelStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner, READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import { loadConfig, PlatformModule } from '@hemotrace/platform';
import type { IntegrationBus } from './bus.port';
import { INTEGRATION_BUS } from './bus.port';
import { ContractRegistry } from './contracts/contract-registry';
import { KafkaRelay } from './kafka/kafka-relay';
import { KAFKA_RELAY, MessagingModule } from './messaging.module';

@Injectable()
class ReleaseOnQualified implements OnModuleInit {
  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    private readonly contracts: ContractRegistry,
  ) {}

  onModuleInit(): void {
    /* What the laboratory module registers: only registered contracts are published. */
    this.contracts.registerContract({
      context: 'laboratory',
      storedType: 'DonationQualified',
      contractType: 'DonationQualified',
      version: 1,
      toContract: (recorded) => recorded.data,
    });
    this.bus.subscribe({
      name: 'components.release-on-qualified',
      contexts: ['laboratory'],
      types: ['laboratory.DonationQualified.v1'],
      async handle(event, tx) {
        tx.put('released', event.subject, { id: event.subject, causedBy: event.id });
      },
    });
  }
}

@Module({ providers: [ReleaseOnQualified] })
class SubscribingContextModule {}

const boot = async (env: NodeJS.ProcessEnv) => {
  const config = loadConfig({
    HEMOTRACE_STORE: 'memory',
    HEMOTRACE_DATA_DIR: mkdtempSync(join(tmpdir(), 'hemotrace-messaging-')),
    NODE_ENV: 'test',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot(config), MessagingModule.forRoot({ env }), SubscribingContextModule],
  }).compile();
  return moduleRef;
};

describe('MessagingModule', () => {
  it('runs subscribers on the in-process bus by default, with no broker and no relay', async () => {
    const moduleRef = await boot({});
    await moduleRef.init();
    try {
      expect(moduleRef.get<IntegrationBus>(INTEGRATION_BUS).kind).toBe('in-process');
      expect(moduleRef.get(KAFKA_RELAY)).toBeNull();
      const store = moduleRef.get<EventStore>(EVENT_STORE);
      const [qualified] = (
        await store.append({
          streamId: 'DonationTesting-G123425000001',
          events: [{ type: 'DonationQualified', data: { din: 'G123425000001' } }],
          expectedVersion: 'no_stream',
          metadata: {
            actor: systemActor('BC-1'),
            correlationId: 'c-1',
            occurredAt: '2025-03-01T08:00:00.000Z',
          },
        })
      ).events;
      await moduleRef.get(ProjectionRunner).catchUp();
      const readModels = moduleRef.get<ReadModelStore>(READ_MODEL_STORE);
      expect(await readModels.get('released', 'DonationTesting-G123425000001')).toEqual({
        id: 'DonationTesting-G123425000001',
        causedBy: qualified.eventId,
      });
    } finally {
      await moduleRef.close();
    }
  });

  it('switches to Kafka consumers and the log relay with HEMOTRACE_BUS=kafka', async () => {
    const moduleRef = await boot({ HEMOTRACE_BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:1' });
    try {
      expect(moduleRef.get<IntegrationBus>(INTEGRATION_BUS).kind).toBe('kafka');
      expect(moduleRef.get(KAFKA_RELAY)).toBeInstanceOf(KafkaRelay);
    } finally {
      await moduleRef.close();
    }
  });
});
