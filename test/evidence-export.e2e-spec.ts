import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeEventHash, ProjectionRunner } from '@hemotrace/event-sourcing';
import { verifyExportFile } from '../apps/cli/src/commands/verify-export';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { ago, donationWithUnit } from './fixtures/evidence.fixtures';

interface Exported {
  subject: { kind: string; id: string };
  lineage: { donations: string[]; nodes: { id: string }[] };
  streams: {
    streamId: string;
    events: { streamVersion: number; data: Record<string, unknown>; hash: string; prevHash: string }[];
  }[];
  evidence: { manifest: { streamId: string }[] };
}

describe('complete, provable exports', () => {
  let t: TestApp;
  let publicKey: string;
  let unitA: string;
  let unitB: string;
  let exportA: Exported;
  let exportB: Exported;

  const check = (name: string, exported: unknown) => {
    const file = join(t.config.dataDir, `${name}.json`);
    writeFileSync(file, JSON.stringify(exported));
    return verifyExportFile(file, { publicKeyPem: publicKey });
  };
  const problems = (result: ReturnType<typeof verifyExportFile>) =>
    [...result.findings, ...(result.proof?.findings ?? [])].map(
      (f) => `${f.problem} ${f.streamId || 'export'}`,
    );
  const copy = (): Exported => JSON.parse(JSON.stringify(exportA));
  /** The independent verifier of docs/, in Python with its standard library only. */
  const python = (name: string, exported: unknown) => {
    const file = join(t.config.dataDir, `${name}.py.json`);
    writeFileSync(file, JSON.stringify(exported));
    const run = spawnSync('python3', [join(__dirname, '..', 'docs', 'verify_export.py'), file, keyFile()], {
      encoding: 'utf8',
    });
    return { status: run.status, out: `${run.stdout}${run.stderr}` };
  };
  const keyFile = () => join(t.config.dataDir, 'log-public-key.pem');

  beforeAll(async () => {
    t = await startTestApp({ env: { HEMOTRACE_CHECKPOINT_INTERVAL_MS: '0' } });
    unitA = await donationWithUnit(t, 'donor-ex-1', 'A999926400001', ago(20));
    unitB = await donationWithUnit(t, 'donor-ex-2', 'A999926400002', ago(19));
    await t.app.get(ProjectionRunner).catchUp();
    publicKey = readFileSync(join(t.config.dataDir, 'log-public-key.pem'), 'utf8');
    exportA = (await t.as('quality-auditor').get(`/api/v1/trace/units/${unitA}/export`).expect(200)).body;
    exportB = (await t.as('quality-auditor').get(`/api/v1/trace/units/${unitB}/export`).expect(200)).body;
  });

  afterAll(async () => {
    await t.close();
  });

  it('proves origin, inclusion of every event and completeness of every stream in scope', () => {
    expect(exportA.evidence.manifest.map((m) => m.streamId)).toEqual(
      expect.arrayContaining(['Donation-A999926400001', 'DonationTesting-A999926400001', `Unit-${unitA}`]),
    );
    const result = check('a', exportA);
    expect(problems(result)).toEqual([]);
    expect(result.proof).toMatchObject({ ok: true, completenessProven: true });
    expect(result.proof!.eventsChecked).toBeGreaterThanOrEqual(3);
  });

  it('names the stream that was removed from the export', () => {
    const altered = copy();
    altered.streams = altered.streams.filter((s) => s.streamId !== 'DonationTesting-A999926400001');
    expect(problems(check('removed', altered))).toContain('STREAM_MISSING DonationTesting-A999926400001');
  });

  it('names the stream that was truncated', () => {
    const altered = copy();
    const unit = altered.streams.find((s) => s.streamId === `Unit-${unitA}`)!;
    unit.events = unit.events.slice(0, -1);
    expect(problems(check('truncated', altered))).toEqual(
      expect.arrayContaining([`STREAM_TRUNCATED Unit-${unitA}`]),
    );
  });

  it('names an event spliced in from another export', () => {
    const altered = copy();
    const foreign = exportB.streams.find((s) => s.streamId === `Unit-${unitB}`)!;
    altered.streams.push(foreign);
    expect(problems(check('spliced', altered))).toContain(`STREAM_NOT_IN_MANIFEST Unit-${unitB}`);
    const swapped = copy();
    const own = swapped.streams.find((s) => s.streamId === 'DonationTesting-A999926400001')!;
    const other = exportB.streams.find((s) => s.streamId === 'DonationTesting-A999926400002')!;
    own.events = other.events;
    expect(problems(check('swapped', swapped))).toEqual(
      expect.arrayContaining([
        'FOREIGN_EVENT DonationTesting-A999926400001',
        'STREAM_TRUNCATED DonationTesting-A999926400001',
      ]),
    );
  });

  it('refuses an edited lineage or subject as content that was not signed', () => {
    const lineage = copy();
    lineage.lineage.donations = ['A999926400009'];
    expect(problems(check('lineage', lineage))).toContain('CONTENT_EDITED export');
    const subject = copy();
    subject.subject.id = unitB;
    expect(problems(check('subject', subject))).toContain('CONTENT_EDITED export');
  });

  it('refuses an event changed and re-hashed: its hash is not in the signed log', () => {
    const altered = copy();
    const donation = altered.streams.find((s) => s.streamId === 'Donation-A999926400001')!;
    /* The stream's last event (DonationCompleted): its new hash is no head the signed log knows. */
    const event = donation.events.at(-1)!;
    event.data = { ...event.data, volumeMl: 250 };
    event.hash = computeEventHash(event.prevHash, event as never);
    expect(problems(check('rehashed', altered))).toEqual(
      expect.arrayContaining([
        'NOT_IN_LOG Donation-A999926400001',
        'STREAM_TRUNCATED Donation-A999926400001',
      ]),
    );
  });

  it('refuses an export checked with another public key', () => {
    const file = join(t.config.dataDir, 'other-key.json');
    writeFileSync(file, JSON.stringify(exportA));
    const { generateKeyPairSync } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(verifyExportFile(file, { publicKeyPem: other }).proof?.findings[0]?.problem).toBe(
      'CHECKPOINT_INVALID',
    );
  });

  it('is verified the same way by the Python verifier of docs/', () => {
    const sound = python('sound', exportA);
    expect(sound.out).toMatch(/^OK: unit /);
    expect(sound.status).toBe(0);
    const removed = copy();
    removed.streams = removed.streams.filter((s) => s.streamId !== 'DonationTesting-A999926400001');
    expect(python('removed', removed)).toMatchObject({ status: 1 });
    expect(python('removed', removed).out).toContain('STREAM_MISSING DonationTesting-A999926400001');
    const truncated = copy();
    truncated.streams.find((s) => s.streamId === `Unit-${unitA}`)!.events.pop();
    expect(python('truncated', truncated).out).toContain(`STREAM_TRUNCATED Unit-${unitA}`);
    const lineage = copy();
    lineage.lineage.donations = ['A999926400009'];
    expect(python('lineage', lineage).out).toContain('CONTENT_EDITED export');
    const rehashed = copy();
    const event = rehashed.streams.find((s) => s.streamId === 'Donation-A999926400001')!.events[0]!;
    event.data = { ...event.data, volumeMl: 250 };
    event.hash = computeEventHash(event.prevHash, event as never);
    expect(python('rehashed', rehashed).out).toContain('NOT_IN_LOG Donation-A999926400001');
    const spliced = copy();
    spliced.streams.push(exportB.streams.find((s) => s.streamId === `Unit-${unitB}`)!);
    expect(python('spliced', spliced).out).toContain(`STREAM_NOT_IN_MANIFEST Unit-${unitB}`);
  });

  it('exports a recall with its reach and the same proofs', async () => {
    const opened = (
      await t
        .as('laboratory')
        .post('/api/v1/recalls')
        .send({ attribute: 'BAG_LOT', value: 'BAG-A999926400001', reason: 'Bag manufacturer notice 2026-3' })
        .expect(201)
    ).body;
    await t.app.get(ProjectionRunner).catchUp();
    const exported = (
      await t
        .as('quality-auditor')
        .get(`/api/v1/exports/investigations/${opened.investigationId}`)
        .expect(200)
    ).body;
    expect(exported.format).toBe('hemotrace.investigation-export');
    expect(exported.streams.map((s: { streamId: string }) => s.streamId)).toEqual(
      expect.arrayContaining([`Investigation-${opened.investigationId}`, `Unit-${unitA}`]),
    );
    expect(check('recall', exported)).toMatchObject({
      ok: true,
      proof: { ok: true, completenessProven: true },
    });
    exported.scope.units = [];
    expect(problems(check('recall-edited', exported))).toContain('CONTENT_EDITED export');
  });
});
