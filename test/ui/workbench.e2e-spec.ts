import { computeDinCheckCharacter } from '@hemotrace/kernel';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from './workbench-server';
import {
  HOSPITAL_USERS,
  launchBrowser,
  pdfText,
  screenshot,
  seriousViolations,
  startDemoServer,
  USERS,
} from './workbench-server';

jest.setTimeout(120_000);

interface Consignee {
  siteId: string;
  unitIds: string[];
  notifiedAt: string | null;
  acknowledgedAt: string | null;
}
interface Investigation {
  id: string;
  kind: string;
  donations: string[];
  donorId: string | null;
  consignees: Consignee[];
}
interface TraceEvent {
  type: string;
  recordedAt: string;
  data: { unitId?: string };
}

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');

/**
 * The auditor's workbench in Debian's chromium, against the built server on the demo dataset:
 * the journeys an auditor and an investigator make, what a hospital may not see, and axe-core's
 * accessibility scan of every page. Screenshots go to .tmp/ui-screenshots.
 */
describe('the auditor’s workbench in a real browser', () => {
  let server: RunningServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let lookback: Investigation;
  let consignee: Consignee;
  let unitId: string;

  const signIn = async (token: string) => {
    await page.evaluate('sessionStorage.clear()');
    await page.goto(`${server.url}/ui/`);
    await page.fill('#token', token);
    await page.click('button[type=submit]');
    await page.getByTestId('who').waitFor();
  };

  const expectAccessible = async (name: string) => {
    await screenshot(page, name);
    expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
  };

  beforeAll(async () => {
    server = await startDemoServer();
    /* The server opens the demo's seroconversion lookback by itself once its projections catch up. */
    const deadline = Date.now() + 60_000;
    let found: Investigation[] = [];
    while (found.length === 0 && Date.now() < deadline) {
      found = await server.api<Investigation[]>('/investigations?kind=LOOKBACK');
      if (found.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    if (found.length === 0) throw new Error('the demo lookback did not open');
    lookback = found[0];
    consignee = lookback.consignees.find((c) => c.siteId !== 'HOSP-1') ?? lookback.consignees[0];
    unitId = consignee.unitIds[0];
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`${server.url}/ui/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in with a bearer token and finds a unit by its id', async () => {
    await expectAccessible('sign-in');
    await signIn(USERS.distribution.token);
    await expect(page.getByTestId('who').textContent()).resolves.toContain('distribution · BC-1');
    await expectAccessible('find');
    await page.fill('#q', unitId);
    await page.click('form.find button[type=submit]');
    await page.waitForURL(`**/ui/units/${unitId}`);
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(
      /^Verified: \d+ events in \d+ streams/,
    );
    await expect(
      page.locator('li[data-type=UnitTransfused], li[data-type=UnitCustodyTransferred]').count(),
    ).resolves.toBeGreaterThan(0);
    await expect(page.locator('li[data-type=MarkerResultRecorded]').first().textContent()).resolves.toMatch(
      /tested by .+ reagent lot .+ on .+: non-reactive/,
    );
    await expectAccessible('unit');
    await page.click('text=Verify the whole store');
    await page.getByText('The log’s verdict is for quality auditors: your role may not ask for it').waitFor();
  });

  it('finds a donation from a scanned barcode string and from a DIN typed with its check character', async () => {
    const din = unitId.split('-')[0];
    await page.goto(`${server.url}/ui/`);
    await page.fill('#q', `=${din}00`);
    await page.click('form.find button[type=submit]');
    await page.waitForURL(`**/ui/donations/${din}`);
    await page.getByTestId('verdict').waitFor();
    await expectAccessible('donation');
    await page.goto(`${server.url}/ui/`);
    await page.fill('#q', `${din}${computeDinCheckCharacter(din)}`);
    await page.click('form.find button[type=submit]');
    await page.waitForURL(`**/ui/donations/${din}`);
    await page.goto(`${server.url}/ui/`);
    await page.fill('#q', `${din}${computeDinCheckCharacter(din) === 'A' ? 'B' : 'A'}`);
    await page.click('form.find button[type=submit]');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Check character');

    const trace = await server.api<{ events: { type: string; data: { reagent?: { lot: string } } }[] }>(
      `/trace/units/${unitId}`,
    );
    const lot = trace.events.find((e) => e.type === 'MarkerResultRecorded')?.data.reagent?.lot as string;
    await page.fill('#q', lot);
    await page.selectOption('#kind', 'REAGENT_LOT');
    await page.click('form.find button[type=submit]');
    await page.getByText(`Units touched by Reagent lot ${lot}`).waitFor();
    await expect(page.locator(`a[href="/ui/units/${unitId}"]`).count()).resolves.toBe(1);
    await expectAccessible('find-reagent-lot');
  });

  it('replays the unit to the instant it was prepared: what we knew then, and its PDF says so', async () => {
    const trace = await server.api<{ events: TraceEvent[] }>(`/trace/units/${unitId}`);
    const instants = [...new Set(trace.events.map((e) => e.recordedAt))].sort();
    const prepared = trace.events.find((e) => e.type === 'UnitPrepared' && e.data.unitId === unitId);
    if (!prepared) throw new Error('the unit has no UnitPrepared event');
    await page.goto(`${server.url}/ui/units/${unitId}`);
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('unit-state').textContent()).resolves.not.toContain('Prepared');
    await page.locator('#replay-slider').fill(String(instants.indexOf(prepared.recordedAt)));
    /* The timeline already shows that record time: wait for the as-of view itself. */
    await page
      .getByTestId('as-of')
      .filter({ hasText: when(prepared.recordedAt) })
      .waitFor();
    await expect(page.getByTestId('as-of').textContent()).resolves.toBe(when(prepared.recordedAt));
    await expect(page.getByTestId('unit-state').textContent()).resolves.toBe(
      'Prepared, in quarantine until testing clears',
    );
    await expect(page.locator('li[data-type=UnitReleased]').count()).resolves.toBe(0);
    await expect(page.locator('li[data-type=UnitPrepared]').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'unit-replayed');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=PDF report')]);
    const file = `${server.dir}/trace-report.pdf`;
    await download.saveAs(file);
    const text = pdfText(file);
    expect(text).toContain('Vein-to-vein trace report');
    expect(text).toContain(`Unit ${unitId}`);
    expect(text).toContain(`up to ${prepared.recordedAt} (as-of view)`);
    expect(text).toMatch(/Verified: \d+ events in \d+ streams, every hash chain intact/);
    expect(text).toContain('Unit prepared');
    expect(text).not.toContain('Unit released');
  });

  it('opens the lookback from the unit and records a notification and an acknowledgement', async () => {
    await page.goto(`${server.url}/ui/units/${unitId}`);
    await page.click(`a[href="/ui/investigations/${lookback.id}"]`);
    await page.waitForURL(`**/ui/investigations/${lookback.id}`);
    await page.getByText(`Record notification of ${consignee.siteId}`).waitFor();
    await page.getByText(/^\d+ recipient\(s\) transfused$/).waitFor();
    const derived = await page.locator('#results ~ .table-block tbody').first().textContent();
    expect(derived).toContain(lookback.donations[0]);
    await expectAccessible('investigation');
    await page.selectOption('#channel', 'EMAIL');
    await page.click(`text=Record notification of ${consignee.siteId}`);
    await page.getByText(`Notification of ${consignee.siteId} recorded.`).waitFor();
    await page.click(`text=Record acknowledgement by ${consignee.siteId}`);
    await page.getByText(`Acknowledgement by ${consignee.siteId} recorded.`).waitFor();
    const stored = await server.api<Investigation>(`/investigations/${lookback.id}`);
    const row = stored.consignees.find((c) => c.siteId === consignee.siteId);
    expect(row?.notifiedAt).not.toBeNull();
    expect(row?.acknowledgedAt).not.toBeNull();
    await screenshot(page, 'investigation-acknowledged');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=PDF report')]);
    const file = `${server.dir}/lookback-report.pdf`;
    await download.saveAs(file);
    const text = pdfText(file);
    expect(text).toContain('Lookback investigation report');
    expect(text).toContain(lookback.id);
    expect(text).toContain((row?.acknowledgedAt as string).replace('T', ' ').slice(0, 19));
    expect(text).toContain(unitId);
  });

  it('tells an investigator the findings are not theirs to read, and shows an auditor every page', async () => {
    await page.goto(`${server.url}/ui/audit/findings`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Your role may not see this');
    await signIn(USERS.auditor.token);
    await page.goto(`${server.url}/ui/investigations`);
    await page.getByText(lookback.id).waitFor();
    await expectAccessible('investigations');
    await page.goto(`${server.url}/ui/audit/findings`);
    await page.getByText('Findings by rule').waitFor();
    await expectAccessible('findings');
    await page.goto(`${server.url}/ui/quality`);
    await page.getByText('Donations, year on year').waitFor();
    await expect(page.locator('figure.chart').count()).resolves.toBe(6);
    await expectAccessible('quality');
    await page.goto(`${server.url}/ui/donors/${lookback.donorId}`);
    await page.getByTestId('verdict').waitFor();
    await page.click('text=Verify the whole store');
    await page.getByText(/^Store verified: \d+ events in \d+ streams/).waitFor();
    await expectAccessible('donor');
  });

  it('shows an auditor the unit’s signed-checkpoint verdict: the log verifies against it', async () => {
    await page.goto(`${server.url}/ui/units/${unitId}`);
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('damage').count()).resolves.toBe(0);
    /* A signed export signs a fresh checkpoint of the log. */
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Signed export')]);
    await download.saveAs(`${server.dir}/trace-export.json`);
    await page.click('text=Verify the whole store');
    await page.getByTestId('checkpoint-verdict').waitFor();
    const report = await server.api<{ ok: boolean; checkpoint: { treeSize: number; keyId: string } | null }>(
      '/integrity',
    );
    expect(report.ok).toBe(true);
    const text = await page.getByTestId('checkpoint-verdict').textContent();
    expect(text).toMatch(/^The log verifies against its latest signed checkpoint of tree size \d+, root /);
    expect(text).toContain(`tree size ${report.checkpoint?.treeSize},`);
    expect(text).toContain(`(id ${report.checkpoint?.keyId})`);
    await expectAccessible('unit-checkpoint');
  });

  it('shows a hospital only its own consignee row and no trace; another hospital not even the lookback', async () => {
    /* A recall of the bag lot of the lookback's unit reaches several hospitals: each must see only its own row. */
    const trace = await server.api<{ events: { type: string; data: { bagLot?: string } }[] }>(
      `/trace/units/${unitId}`,
    );
    const bagLot = trace.events.find((e) => e.type === 'DonationCompleted')?.data.bagLot as string;
    const opened = await fetch(`${server.url}/api/v1/recalls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${USERS.distribution.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ attribute: 'BAG_LOT', value: bagLot, reason: 'Bag manufacturer notice' }),
    });
    expect(opened.status).toBe(201);
    const { investigationId } = (await opened.json()) as { investigationId: string };
    const recall = await server.api<Investigation>(`/investigations/${investigationId}`);
    const hospitals = [...new Set(recall.consignees.map((c) => c.siteId))].filter((s) =>
      s.startsWith('HOSP-'),
    );
    expect(hospitals.length).toBeGreaterThan(1);
    const [own, other] = hospitals;
    /* HOSP-1 is a prefix of HOSP-10: a site id counts only when no digit follows it. */
    const site = (id: string) => new RegExp(`${id}(?!\\d)`);
    const nurse = HOSPITAL_USERS.find((u) => u.siteId === own);
    if (!nurse) throw new Error(`no nurse signs in at ${own}`);
    await signIn(nurse.token);
    await page.goto(`${server.url}/ui/investigations/${investigationId}`);
    await page.getByText('1 consignee(s)').waitFor();
    const consignees = await page.locator('#consignees ~ .table-block tbody').textContent();
    expect(consignees).toMatch(site(own));
    expect(consignees).not.toMatch(site(other));
    await screenshot(page, 'hospital-investigation');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=PDF report')]);
    await download.saveAs(`${server.dir}/hospital-recall.pdf`);
    const text = pdfText(`${server.dir}/hospital-recall.pdf`);
    expect(text).toContain('Recall report');
    expect(text).toMatch(site(own));
    expect(text).not.toMatch(site(other));
    await page.goto(`${server.url}/ui/units/${unitId}`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Your role may not see this');

    await signIn(USERS.hospital99.token);
    await page.goto(`${server.url}/ui/investigations`);
    await page.getByText('0 investigation(s)').waitFor();
    await page.goto(`${server.url}/ui/investigations/${lookback.id}`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Not found, or not visible to you',
    );
  });
});
