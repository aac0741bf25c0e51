import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '@hemotrace/auth';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import { MessagingModule } from '@hemotrace/messaging';
import { loadConfig, PlatformModule } from '@hemotrace/platform';
import { DonationNotFound } from '../../domain/donation-testing/donation-testing.errors';
import { LaboratoryModule } from '../../laboratory.module';
import { ReceiveSampleCommand } from './receive-sample.command';
import type { ReceiveSampleRequest } from './receive-sample.request';

const DIN = 'A999926000007';
const COLLECTED_AT = '2025-03-01T08:00:00.000Z';
const RECEIVED_AT = '2025-03-01T10:30:00.000Z';

const ctx = (commandId: string): CommandContext => ({
  actor: { userId: 'lab-1', role: 'laboratory', siteId: 'BC-1' },
  correlationId: 'corr-lab',
  causationId: null,
  commandId,
  now: '2025-03-01T10:31:00.000Z',
});

const request = { labSiteId: 'BC-1', labType: 'CENTRAL_LAB', transportMinutes: 150, condition: 'ACCEPTABLE' };

describe('receiving a sample (handler on the in-memory store)', () => {
  let moduleRef: TestingModule;
  let store: EventStore;
  let commands: CommandBus;

  beforeAll(async () => {
    const config = loadConfig({ HEMOTRACE_STORE: 'memory', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(config), MessagingModule.forRoot({ env: {} }), LaboratoryModule],
    }).compile();
    await moduleRef.init();
    store = moduleRef.get<EventStore>(EVENT_STORE);
    commands = moduleRef.get(CommandBus);
    await store.append({
      streamId: `Donation-${DIN}`,
      events: [
        {
          type: 'DonationCompleted',
          data: { din: DIN, donorId: 'd-7', endedAt: COLLECTED_AT, siteId: 'BC-1-BUS-2' },
        },
      ],
      expectedVersion: 'any',
      metadata: { actor: systemActor('BC-1-BUS-2'), correlationId: 'corr-col', occurredAt: COLLECTED_AT },
    });
    await moduleRef.get(ProjectionRunner).catchUp();
  });

  afterAll(() => moduleRef.close());

  it('records SampleReceived on the donation testing stream, at the business time given', async () => {
    const result = await commands.execute(
      new ReceiveSampleCommand(
        DIN,
        { ...request, receivedAt: RECEIVED_AT } as ReceiveSampleRequest,
        ctx('c-1'),
      ),
    );
    expect(result).toMatchObject({ din: DIN, recorded: ['SampleReceived'], duplicate: false });
    const [received] = await store.readStream(`DonationTesting-${DIN}`);
    expect(received).toMatchObject({
      type: 'SampleReceived',
      streamVersion: 1,
      commandId: 'c-1',
      actor: { userId: 'lab-1', role: 'laboratory', siteId: 'BC-1' },
      data: {
        din: DIN,
        donorId: 'd-7',
        collectedAt: COLLECTED_AT,
        labType: 'CENTRAL_LAB',
        transportMinutes: 150,
        condition: 'ACCEPTABLE',
        receivedAt: RECEIVED_AT,
      },
    });
  });

  it('writes nothing the second time the same command id arrives', async () => {
    const again = await commands.execute(
      new ReceiveSampleCommand(
        DIN,
        { ...request, receivedAt: RECEIVED_AT } as ReceiveSampleRequest,
        ctx('c-1'),
      ),
    );
    expect(again).toMatchObject({ duplicate: true, recorded: ['SampleReceived'] });
    expect(await store.readStream(`DonationTesting-${DIN}`)).toHaveLength(1);
  });

  it('refuses a donation collection never recorded, writing nothing', async () => {
    await expect(
      commands.execute(
        new ReceiveSampleCommand('A999926000008', request as ReceiveSampleRequest, ctx('c-2')),
      ),
    ).rejects.toBeInstanceOf(DonationNotFound);
    expect(await store.readStream('DonationTesting-A999926000008')).toEqual([]);
  });

  it("knows a collected donation from collection's stream before any projection has read it", async () => {
    await moduleRef.get(ProjectionRunner).stop();
    const din = 'A999926000009';
    await store.append({
      streamId: `Donation-${din}`,
      events: [
        { type: 'DonationCompleted', data: { din, donorId: 'd-9', endedAt: COLLECTED_AT, siteId: 'BC-1' } },
      ],
      expectedVersion: 'any',
      metadata: { actor: systemActor('BC-1'), correlationId: 'corr-col', occurredAt: COLLECTED_AT },
    });
    const result = await commands.execute(
      new ReceiveSampleCommand(
        din,
        { ...request, receivedAt: RECEIVED_AT } as ReceiveSampleRequest,
        ctx('c-3'),
      ),
    );
    expect(result).toMatchObject({ din, recorded: ['SampleReceived'], duplicate: false });
    const [received] = await store.readStream(`DonationTesting-${din}`);
    expect(received.data).toMatchObject({ donorId: 'd-9', collectedAt: COLLECTED_AT });
  });
});
