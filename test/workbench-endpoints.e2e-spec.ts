import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import { appendPlannedEvents, DemoDataGenerator } from '../apps/cli/src/demo';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';

/** supertest's parser for a binary body: the PDF bytes as one Buffer. */
const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: unknown) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const pdfText = (pdf: Buffer, dir: string): string => {
  const file = join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

jest.setTimeout(60_000);

/** What the workbench asks of the API besides the traces: who am I, reports as PDF, recall previews, /ui. */
describe('the workbench endpoints', () => {
  let t: TestApp;
  let web: string;
  let unitId: string;
  let bagLot: string;

  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'hemotrace-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
    process.env.HEMOTRACE_WEB_DIR = web;
    t = await startTestApp();
    const generator = new DemoDataGenerator({ donations: 10, seed: 7 });
    await appendPlannedEvents(t.app.get<EventStore>(EVENT_STORE), generator.events(), { at: '' });
    unitId = generator.summary.sampleUnitId as string;
    const trace = await eventually(async () => {
      const res = await t.as('quality-auditor').get(`/api/v1/trace/units/${unitId}`).expect(200);
      return res.body as { lineage: { nodes: { kind: string; bagLot?: string }[] } };
    }, 30_000);
    bagLot = trace.lineage.nodes.find((n) => n.kind === 'donation')?.bagLot as string;
  });

  afterAll(async () => {
    delete process.env.HEMOTRACE_WEB_DIR;
    await t?.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('tells the workbench whom the token names, and refuses no token', async () => {
    const res = await t.as('hospital').get('/api/v1/session').expect(200);
    expect(res.body).toEqual({ userId: 'user-hospital', role: 'hospital', siteId: 'HOSP-1' });
    await t.anonymous().get('/api/v1/session').expect(401);
  });

  it("renders a unit's trace as a PDF report with its integrity verdict", async () => {
    const res = await t
      .as('quality-auditor')
      .get(`/api/v1/trace/units/${unitId}/report.pdf`)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="HT-TRACE-.+\.pdf"$/);
    const text = pdfText(res.body as Buffer, web);
    expect(text).toContain('Vein-to-vein trace report');
    expect(text).toContain(`Unit ${unitId}`);
    expect(text).toMatch(/Verified: \d+ events in \d+ streams, every hash chain intact/);
    expect(text).toContain('by user-quality-auditor (quality-auditor, BC-1)');
  });

  it('refuses the trace report to a hospital, and answers an unknown unit, a bad asOf and an unknown investigation with stable codes', async () => {
    const forbidden = await t.as('hospital').get(`/api/v1/trace/units/${unitId}/report.pdf`).expect(403);
    expect(forbidden.body.code).toMatch(/^AUTH\./);
    const unknown = await t
      .as('quality-auditor')
      .get('/api/v1/trace/units/G123499000001-E0398V00/report.pdf')
      .expect(404);
    expect(unknown.body.code).toMatch(/NOT_FOUND$/);
    const badAsOf = await t
      .as('quality-auditor')
      .get(`/api/v1/trace/units/${unitId}/report.pdf?asOf=yesterday`)
      .expect(400);
    expect(badAsOf.body.code).toBe('TRACE.INVALID_AS_OF');
    const noInvestigation = await t
      .as('quality-auditor')
      .get('/api/v1/investigations/LB-nothing/report.pdf')
      .expect(404);
    expect(noInvestigation.body.code).toBe('TRACE.INVESTIGATION_NOT_FOUND');
  });

  it('previews the units a bag lot touched, and refuses an unknown attribute', async () => {
    const res = await t
      .as('quality-auditor')
      .get(`/api/v1/recalls/preview?attribute=BAG_LOT&value=${bagLot}`)
      .expect(200);
    expect(res.body.units.map((u: { unitId: string }) => u.unitId)).toContain(unitId);
    const bad = await t
      .as('quality-auditor')
      .get('/api/v1/recalls/preview?attribute=COLOUR&value=x')
      .expect(400);
    expect(bad.body.code).toBe('TRACE.INVALID_QUERY');
    await t.as('hospital').get(`/api/v1/recalls/preview?attribute=BAG_LOT&value=${bagLot}`).expect(403);
  });

  it('serves the workbench under /ui with deep links falling back to the page, and leaves /api alone', async () => {
    for (const path of [
      '/ui/',
      `/ui/units/${unitId}`,
      '/ui/donations/G123425000001',
      '/ui/investigations/LB-1',
      '/ui/audit/findings',
      '/ui/quality',
    ]) {
      const res = await t.anonymous().get(path).expect(200);
      expect(res.text).toContain('<div id="root">');
    }
    const api = await t.anonymous().get('/api/v1/no-such-route').expect(404);
    expect(api.body.code).toBe('HTTP.NOT_FOUND');
  });
});
