import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import { systemActor } from '@hemotrace/kernel';
import { runDeadLetters } from '../apps/cli/src/commands/dead-letters';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';

const DEFERRAL = 'donors.permanent-deferral-on-confirmed-positive';

describe('failed safety reactions are recorded facts an auditor sees', () => {
  let t: TestApp;
  let causeId: string;

  beforeAll(async () => {
    t = await startTestApp({ store: 'sqlite' });
    /* A confirmed positive for a donor the donors context does not know: the permanent deferral cannot be carried out. */
    const appended = await t.app.get<EventStore>(EVENT_STORE).append({
      streamId: 'DonationTesting-G123425000099',
      events: [
        {
          type: 'DonorConfirmedPositive',
          data: {
            din: 'G123425000099',
            donorId: 'd-ghost',
            marker: 'HIV',
            confirmedAt: '2025-03-01T08:00:00.000Z',
          },
        },
      ],
      expectedVersion: 'any',
      metadata: {
        actor: systemActor('BC-1'),
        correlationId: 'corr-ghost',
        occurredAt: '2025-03-01T08:00:00.000Z',
      },
    });
    causeId = appended.events[0]!.eventId;
  });

  afterAll(() => t.close());

  it('lists the deferral that could not be applied, with its cause and stable code, for auditors only', async () => {
    const failures = await eventually(async () => {
      const res = await t.as('quality-auditor').get('/api/v1/reaction-failures?status=open').expect(200);
      const found = res.body.failures.filter((f: { reaction: string }) => f.reaction === DEFERRAL);
      if (found.length === 0) throw new Error('not yet recorded');
      return found;
    });
    expect(failures).toEqual([
      expect.objectContaining({
        id: `${DEFERRAL}:${causeId}`,
        status: 'open',
        attempts: 1,
        cause: expect.objectContaining({
          eventId: causeId,
          type: 'laboratory.DonorConfirmedPositive.v1',
          subject: 'DonationTesting-G123425000099',
        }),
        error: expect.objectContaining({ code: 'DONORS.DONOR_NOT_FOUND' }),
        streamId: `ReactionFailure-${DEFERRAL}`,
      }),
    ]);
    await t.as('laboratory').get('/api/v1/reaction-failures').expect(403);
    await t.as('quality-auditor').get('/api/v1/reaction-failures?status=bogus').expect(400);
    const trail = await t
      .as('quality-auditor')
      .get(`/api/v1/streams/ReactionFailure-${DEFERRAL}/events`)
      .expect(200);
    expect(trail.body.integrity.ok).toBe(true);
    expect(
      trail.body.events.map((e: { type: string; causationId: string }) => [e.type, e.causationId]),
    ).toEqual([['ReactionFailed', causeId]]);
  });

  it('lists the dead letter on the command line, and records a replay that still fails', async () => {
    const lines: string[] = [];
    await runDeadLetters('list', undefined, { dir: t.config.dataDir, json: true }, (l) => lines.push(l));
    const letters = JSON.parse(lines.join('\n')) as { id: string; handler: string }[];
    expect(letters.map((l) => l.id)).toContain(`${DEFERRAL}:${causeId}`);

    await expect(
      runDeadLetters('replay', `${DEFERRAL}:${causeId}`, { dir: t.config.dataDir }, () => undefined),
    ).rejects.toMatchObject({ code: 'MSG.REPLAY_FAILED' });
    const trail = await eventually(async () => {
      const res = await t
        .as('quality-auditor')
        .get(`/api/v1/streams/ReactionFailure-${DEFERRAL}/events`)
        .expect(200);
      if (res.body.events.length < 2) throw new Error('replay not yet visible');
      return res.body.events;
    });
    expect(trail[1]).toMatchObject({
      type: 'DeadLetterReplayed',
      causationId: causeId,
      actor: { role: 'admin' },
      data: { outcome: 'failed', replay: 1, error: { code: 'DONORS.DONOR_NOT_FOUND' } },
    });
  });
});
