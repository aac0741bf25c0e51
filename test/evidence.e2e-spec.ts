import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '@hemotrace/event-sourcing';
import { computeEventHash, EVENT_STORE, ProjectionRunner } from '@hemotrace/event-sourcing';
import { newId } from '@hemotrace/kernel';
import { runCli as runHemotrace } from '../apps/cli/src/main';
import { queryRawSql, runRawSql } from './support/raw-store';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { append as appendAs, donationWithUnit } from './fixtures/evidence.fixtures';

const DAY = 86_400_000;
const ago = (days: number): string => new Date(Date.now() - days * DAY).toISOString();

const append = (t: TestApp, streamId: string, type: string, data: object, at: string) =>
  t.app.get<EventStore>(EVENT_STORE).append({
    streamId,
    events: [{ type, data }],
    expectedVersion: 'any',
    metadata: {
      actor: { userId: 'fixture', role: 'hospital', siteId: 'HOSP-1' },
      correlationId: newId(),
      occurredAt: at,
    },
  });

const DONATION = 'Donation-A999926300001';
const TRANSFUSION = 'Transfusion-A999926300001-E0398V00';

/** Two streams interleaved; the transfusion's end is the last event of the log. */
const seed = async (t: TestApp) => {
  await append(t, DONATION, 'DonationNoteRecorded', { din: 'A999926300001', volumeMl: 0 }, ago(10));
  await append(t, TRANSFUSION, 'TransfusionNoteRecorded', { unitId: 'A999926300001-E0398V00' }, ago(2));
  await append(t, DONATION, 'DonationVolumeNoted', { din: 'A999926300001', volumeMl: 450 }, ago(10));
  await append(t, DONATION, 'DonationLabelled', { din: 'A999926300001' }, ago(10));
  await append(t, TRANSFUSION, 'TransfusionVitalsRecorded', { pulseBpm: 80 }, ago(2));
};

const signCheckpoint = async (t: TestApp) =>
  (await t.as('admin').post('/api/v1/integrity/checkpoints').expect(201)).body as {
    treeSize: number;
    note: string;
  };

const integrity = async (t: TestApp) =>
  (await t.as('quality-auditor').get('/api/v1/integrity').expect(200)).body;

const named = (report: { findings: { problem: string; streamId?: string; streamVersion?: number }[] }) =>
  report.findings.map((f) => `${f.problem} ${f.streamId ?? 'log'}@${f.streamVersion ?? '-'}`);

/** The log tree's documents: on SQLite a table per collection, on PostgreSQL one shared table. */
const evidenceDocumentDeletes = async (t: TestApp) => {
  if (t.config.store !== 'sqlite')
    return [{ sql: "DELETE FROM read_models WHERE collection LIKE 'evidence.%'", params: [] }];
  const tables = await queryRawSql<{ table_name: string }>(
    t,
    "SELECT table_name FROM read_model_collections WHERE collection LIKE 'evidence.%'",
  );
  if (tables.length === 0) throw new Error('No evidence collections to delete');
  return tables.map(({ table_name }) => ({ sql: `DELETE FROM "${table_name}"`, params: [] }));
};

const storedEvent = async (t: TestApp, streamId: string, version: number): Promise<RecordedEvent> =>
  (await t.app.get<EventStore>(EVENT_STORE).readStream(streamId)).find((e) => e.streamVersion === version)!;

describe('evidence that survives a forger', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ env: { HEMOTRACE_CHECKPOINT_INTERVAL_MS: '0' } });
    await seed(t);
  });

  afterEach(async () => {
    await t.close();
  });

  it('signs a C2SP checkpoint over the whole log that the integrity check accepts', async () => {
    const signed = await signCheckpoint(t);
    expect(signed.treeSize).toBe(5);
    const lines = signed.note.split('\n');
    expect(lines.slice(0, 2)).toEqual(['hemotrace.local/log', '5']);
    expect(lines[2]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(signed.note).toMatch(/\n\n\u2014 hemotrace\.local\/log [A-Za-z0-9+/]+=*\n$/u);
    expect(readFileSync(join(t.config.dataDir, 'checkpoint.txt'), 'utf8')).toBe(signed.note);
    const report = await integrity(t);
    expect(report).toMatchObject({ ok: true, eventsChecked: 6, treeSize: 6, findings: [] });
    expect(report.checkpoint).toMatchObject({ treeSize: 5, keyName: 'hemotrace.local/log' });
  });

  it('names the stream and the event when the last event of the log is deleted', async () => {
    await signCheckpoint(t);
    await append(t, TRANSFUSION, 'TransfusionEndNoted', { endedAt: ago(1) }, ago(1));
    expect((await integrity(t)).ok).toBe(true);
    const ended = await storedEvent(t, TRANSFUSION, 3);
    await runRawSql(t, [{ sql: 'DELETE FROM events WHERE event_id = ?', params: [ended.eventId] }]);

    const report = await integrity(t);
    expect(report.ok).toBe(false);
    expect(named(report)).toEqual(
      expect.arrayContaining([`EVENT_DELETED ${TRANSFUSION}@3`, `STREAM_TRUNCATED ${TRANSFUSION}@3`]),
    );
    expect(report.findings.every((f: { eventId?: string }) => f.eventId === ended.eventId)).toBe(true);
    expect(report.damagedStreams).toEqual([TRANSFUSION]);
  });

  it("reports a stream's deleted last event against that stream only, not the one after it", async () => {
    await signCheckpoint(t);
    const labelled = await storedEvent(t, DONATION, 3);
    await runRawSql(t, [{ sql: 'DELETE FROM events WHERE event_id = ?', params: [labelled.eventId] }]);

    const report = await integrity(t);
    expect(report.ok).toBe(false);
    expect(named(report)).toEqual(
      expect.arrayContaining([`EVENT_DELETED ${DONATION}@3`, `STREAM_TRUNCATED ${DONATION}@3`]),
    );
    expect(report.damagedStreams).toEqual([DONATION]);
  });

  it('names the changed event when an event is changed and its stream re-hashed to a valid chain', async () => {
    await signCheckpoint(t);
    const completed = await storedEvent(t, DONATION, 2);
    const labelled = await storedEvent(t, DONATION, 3);
    const forged = { ...completed, data: { ...(completed.data as object), volumeMl: 200 } };
    forged.hash = computeEventHash(forged.prevHash, forged);
    const relinked = { ...labelled, prevHash: forged.hash };
    relinked.hash = computeEventHash(relinked.prevHash, relinked);
    await runRawSql(t, [
      {
        sql: 'UPDATE events SET data = ?, hash = ? WHERE event_id = ?',
        params: [JSON.stringify(forged.data), forged.hash, completed.eventId],
      },
      {
        sql: 'UPDATE events SET prev_hash = ?, hash = ? WHERE event_id = ?',
        params: [relinked.prevHash, relinked.hash, labelled.eventId],
      },
    ]);

    const report = await integrity(t);
    expect(report.ok).toBe(false);
    const problems = named(report);
    expect(problems).not.toContain(`HASH_MISMATCH ${DONATION}@2`);
    expect(problems).toEqual(
      expect.arrayContaining([
        `EVENT_CHANGED ${DONATION}@2`,
        `EVENT_CHANGED ${DONATION}@3`,
        `STREAM_HEAD_CHANGED ${DONATION}@3`,
        'TREE_ROOT_MISMATCH log@-',
        'STREAM_HEADS_MISMATCH log@-',
      ]),
    );
    expect(report.damagedStreams).toEqual([DONATION]);
  });

  it('still detects a forger who also deletes the log tree, against the signed checkpoint kept in a file', async () => {
    await append(t, TRANSFUSION, 'TransfusionEndNoted', { endedAt: ago(1) }, ago(1));
    await signCheckpoint(t);
    const checkpointEvent = await storedEvent(t, 'Checkpoint-log', 1);
    await runRawSql(t, [
      {
        sql: 'DELETE FROM events WHERE stream_id = ? OR stream_id = ?',
        params: [TRANSFUSION, 'Checkpoint-log'],
      },
      ...(await evidenceDocumentDeletes(t)),
      { sql: 'DELETE FROM projection_checkpoints WHERE projection = ?', params: ['evidence.log-tree'] },
    ]);
    expect(checkpointEvent).toBeDefined();

    const report = await integrity(t);
    expect(report.ok).toBe(false);
    expect(report.checkpoint).toMatchObject({
      treeSize: 6,
      source: join(t.config.dataDir, 'checkpoint.txt'),
    });
    expect(named(report)).toEqual(expect.arrayContaining(['LOG_TRUNCATED log@-']));
  });

  it('proves with a consistency proof that the log only grew since a kept checkpoint, and refuses a rewritten one', async () => {
    const kept = join(t.config.dataDir, 'kept-checkpoint.txt');
    await signCheckpoint(t);
    copyFileSync(join(t.config.dataDir, 'checkpoint.txt'), kept);
    await append(t, TRANSFUSION, 'TransfusionEndNoted', { endedAt: ago(1) }, ago(1));
    const signedByCli = await runCli(t, ['checkpoint']);
    expect(signedByCli.status).toBe(0);
    expect(readFileSync(join(t.config.dataDir, 'checkpoint.txt'), 'utf8').split('\n')[1]).toBe('7');
    const cli = (...args: string[]) => runCli(t, ['verify', '--since', kept, ...args]);

    const grown = await cli();
    expect(grown.status).toBe(0);
    expect(grown.stdout).toMatch(/consistency 5 -> 7 \(signed\): the log only grew/);

    const first = await storedEvent(t, DONATION, 1);
    const forged = { ...first, data: { din: 'A999926300001', volumeMl: 1 } };
    forged.hash = computeEventHash(forged.prevHash, forged);
    await runRawSql(t, [
      {
        sql: 'UPDATE events SET data = ?, hash = ? WHERE event_id = ?',
        params: [JSON.stringify(forged.data), forged.hash, first.eventId],
      },
    ]);
    const rewritten = await cli();
    expect(rewritten.status).toBe(1);
    expect(rewritten.stdout).toMatch(/consistency 5 -> 7 \(signed\): NOT CONSISTENT/);
    expect(rewritten.stderr).toContain(`EVENT_CHANGED ${DONATION}@1`);

    /* Someone with write access cuts the log below its latest signed checkpoint (of 7 events) to 6. */
    await runRawSql(t, [{ sql: 'DELETE FROM events WHERE global_position > 6', params: [] }]);
    const cut = await cli();
    expect(cut.status).toBe(1);
    expect(cut.stdout).toMatch(/consistency 5 -> 6: NOT CONSISTENT/);
    expect(cut.stderr).toContain('LOG_TRUNCATED log: The log holds 6 events; the checkpoint of 7 events');
    expect(cut.stderr).toContain('commits to 7: 1 is missing');
    expect(cut.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('damage is never served as truth', () => {
  const DIN = 'A999926500001';
  let t: TestApp;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { HEMOTRACE_CHECKPOINT_INTERVAL_MS: '0' } });
    unitId = await donationWithUnit(t, 'donor-dm-1', DIN, ago(5));
    await appendAs(t, `Donation-${DIN}`, 'DonationLabelReprinted', { din: DIN }, ago(4), 'phlebotomist');
    await t.app.get(ProjectionRunner).catchUp();
    await signCheckpoint(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const trace = async () =>
    (await t.as('quality-auditor').get(`/api/v1/trace/units/${unitId}`).expect(200)).body;

  it('serves a sound trace as sound, then says which stream lost which event once one is deleted', async () => {
    expect(await trace()).toMatchObject({ integrity: { ok: true }, damage: { ok: true, findings: [] } });
    /* The reprint is the stream's last event (after DonationStarted and DonationCompleted). */
    const reprint = await storedEvent(t, `Donation-${DIN}`, 3);
    await runRawSql(t, [{ sql: 'DELETE FROM events WHERE event_id = ?', params: [reprint.eventId] }]);
    const damaged = await trace();
    expect(damaged.integrity.ok).toBe(false);
    expect(damaged.damage.findings).toEqual([
      expect.objectContaining({
        problem: 'STREAM_TRUNCATED',
        streamId: `Donation-${DIN}`,
        streamVersion: 3,
        eventId: reprint.eventId,
      }),
    ]);
  });

  (process.env.HEMOTRACE_TEST_STORE === 'postgres' ? it.skip : it)(
    'refuses to rebuild projections from the damaged log unless an admin accepts it with a reason, which is recorded',
    async () => {
      const refused = await runCli(t, ['rebuild'], false);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/Refusing to rebuild from a damaged log: .*Donation-A999926500001/);
      const noReason = await runCli(t, ['rebuild', '--accept-damage'], false);
      expect(noReason.stderr).toContain('--accept-damage needs --reason');

      const accepted = await runCli(
        t,
        ['rebuild', '--accept-damage', '--reason', 'Row lost in a disk failure; CAPA-2026-12'],
        false,
      );
      expect(accepted.status).toBe(0);
      const [override] = await t.app.get<EventStore>(EVENT_STORE).readStream('EvidenceOverride-rebuild');
      expect(override).toMatchObject({
        type: 'DamagedRebuildAccepted',
        data: {
          reason: 'Row lost in a disk failure; CAPA-2026-12',
          damagedStreams: [`Donation-${DIN}`],
        },
      });
      const rebuilt = await trace();
      expect(rebuilt.integrity.ok).toBe(false);
      expect(rebuilt.damage.findings.map((f: { problem: string }) => f.problem)).toContain(
        'STREAM_TRUNCATED',
      );
    },
  );
});

describe('signing key rotation', () => {
  it('keeps the retired key in the keyring, so checkpoints signed before the rotation still verify', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hemotrace-rotation-'));
    try {
      const first = await startTestApp({
        store: 'sqlite',
        env: { HEMOTRACE_DATA_DIR: dir, HEMOTRACE_CHECKPOINT_INTERVAL_MS: '0' },
      });
      await seed(first);
      const old = await signCheckpoint(first);
      copyFileSync(join(dir, 'checkpoint.txt'), join(dir, 'kept.txt'));
      await first.close();

      const newKey = join(dir, 'rotated-key.pem');
      writeFileSync(
        newKey,
        generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }),
      );
      const second = await startTestApp({
        store: 'sqlite',
        env: {
          HEMOTRACE_DATA_DIR: dir,
          HEMOTRACE_CHECKPOINT_INTERVAL_MS: '0',
          HEMOTRACE_LOG_SIGNING_KEY_FILE: newKey,
        },
      });
      try {
        expect(await integrity(second)).toMatchObject({ ok: true, checkpoint: { treeSize: old.treeSize } });
        const rotated = (await t2(second).post('/api/v1/integrity/checkpoints').expect(201)).body;
        expect(rotated.keyId).not.toBe((old as { keyId?: string }).keyId);
        expect(readFileSync(join(dir, 'log-keyring.txt'), 'utf8').trim().split('\n')).toHaveLength(2);
        expect(await integrity(second)).toMatchObject({ ok: true, checkpoint: { keyId: rotated.keyId } });
        const since = await runCli(second, ['verify', '--since', join(dir, 'kept.txt')]);
        expect(since.stdout).toMatch(/consistency 5 -> 6 \(signed\): the log only grew/);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const t2 = (app: TestApp) => app.as('admin');

/** The real command line, in process: its output and the exit code it sets. */
const runCli = async (t: TestApp, args: string[], storeFlags = true) => {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const where =
    t.config.store === 'postgres'
      ? ['--store', 'postgres', '--url', t.config.databaseUrl!]
      : ['--store', 'sqlite'];
  process.exitCode = 0;
  try {
    await runHemotrace([
      'node',
      'hemotrace',
      ...args,
      ...(storeFlags ? where : []),
      '--dir',
      t.config.dataDir,
    ]);
    return { status: process.exitCode ?? 0, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    process.exitCode = 0;
    log.mockRestore();
    error.mockRestore();
  }
};
