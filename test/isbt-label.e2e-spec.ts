import { rmSync } from 'node:fs';
import type { Phenotype, UnitLabel } from '@hemotrace/kernel';
import { aboRhdLabelCode, parseIsbtDataStructure, parseIsbtScan } from '@hemotrace/kernel';
import { donationCompleted, donationQualified } from './fixtures/donation-facts.fixtures';
import type { DemoSummary } from '../apps/cli/src/demo';
import { buildProgram } from '../apps/cli/src/main';
import { demoDataDir } from './support/demo-store';
import type { TestApp } from './support/test-app';
import { eventually, startTestApp } from './support/test-app';

describe('ISBT 128 label data of a unit, through the API and the CLI', () => {
  let t: TestApp;
  let demo: { dir: string; summary: DemoSummary };

  beforeAll(async () => {
    demo = await demoDataDir(20);
    t = await startTestApp({
      store: 'sqlite',
      env: { HEMOTRACE_DATA_DIR: demo.dir, HEMOTRACE_EXPIRY_SWEEP_MS: '0' },
    });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(demo.dir, { recursive: true, force: true });
  });

  it('gives the structures a scanner reads, and they parse back to the unit as recorded', async () => {
    const unitId = demo.summary.sampleUnitId!;
    const unit = (await t.as('components').get(`/api/v1/components/units/${unitId}`).expect(200)).body;
    const label = (await t.as('components').get(`/api/v1/components/units/${unitId}/label`).expect(200))
      .body as UnitLabel;
    const parsed = parseIsbtScan(label.dataStructures.map((s) => s.data).join(''));
    expect(parsed.map((s) => s.number)).toEqual(['001', '002', '003', '004', '005']);
    expect(parsed[0]).toMatchObject({ number: '001', din: { value: unit.din }, flags: '00' });
    expect(label.dataStructures[1].data.slice(2, 4)).toBe(aboRhdLabelCode(unit.bloodGroup));
    expect(parsed[2]).toMatchObject({ number: '003', productCode: { value: unit.productCode } });
    expect(parseIsbtDataStructure(label.dataStructures[4].data)).toEqual({
      number: '005',
      expiresAt: `${unit.expiresAt.slice(0, 16)}:00.000Z`,
    });
    expect(label.eyeReadableDin.replace(/ /g, '').slice(0, 13)).toBe(unit.din);

    const scanned = encodeURIComponent(`${label.dataStructures[0].data}${label.dataStructures[2].data}`);
    const byScan = await t.as('components').get(`/api/v1/components/units/${scanned}/label`).expect(200);
    expect(byScan.body.unitId).toBe(unitId);
  });

  it('prints the same label data from `hemotrace label <unitId> --dir`', async () => {
    const unitId = demo.summary.sampleUnitId!;
    const api = (await t.as('components').get(`/api/v1/components/units/${unitId}/label`).expect(200)).body;
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      await buildProgram().parseAsync(['node', 'hemotrace', 'label', unitId, '--dir', demo.dir, '--json']);
    } finally {
      log.mockRestore();
    }
    expect(JSON.parse(printed.join('\n'))).toEqual(api);
  });

  it('accepts a scanned DIN and product code wherever they are typed, and still refuses a bad one', async () => {
    const typed = await t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din: 'G123400999999', descriptionCode: 'E0398', volumeMl: 280, equipmentId: 'CENTRIFUGE-2' });
    const scanned = await t.as('components').post('/api/v1/components/units').send({
      din: '=G12340099999900',
      descriptionCode: '=<E0398V00',
      volumeMl: 280,
      equipmentId: 'CENTRIFUGE-2',
    });
    expect(typed.status).not.toBe(400);
    expect({ status: scanned.status, code: scanned.body.code }).toEqual({
      status: typed.status,
      code: typed.body.code,
    });
    const bad = await t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din: '=G1234009999', descriptionCode: 'E0398', volumeMl: 280, equipmentId: 'CENTRIFUGE-2' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['din']);
  });
  it('labels a typed unit with its red cell antigens (012), which a scan reads back, in the API and the CLI', async () => {
    const din = 'A999927000401';
    /* R2R2 (C-c+E+e-), K-, Fy(a-b+), Jk(a+) as the laboratory's DonationQualified contract carries it. */
    const phenotype: Phenotype = {
      C: 'NEG',
      c: 'POS',
      E: 'POS',
      e: 'NEG',
      K: 'NEG',
      Fya: 'NEG',
      Fyb: 'POS',
      Jka: 'POS',
    };
    await donationCompleted(t, din);
    await donationQualified(t, din, { abo: 'O', rhd: 'POS' }, phenotype);
    await t
      .as('components')
      .post('/api/v1/components/units')
      .send({ din, descriptionCode: 'E0398', volumeMl: 280, equipmentId: 'CENTRIFUGE-2' })
      .expect(201);
    const unitId = `${din}-E0398V00`;
    const label = await eventually(async () => {
      const res = await t.as('components').get(`/api/v1/components/units/${unitId}/label`).expect(200);
      expect(res.body.dataStructures.map((s: { number: string }) => s.number)).toContain('012');
      return res.body as UnitLabel & { unitId: string };
    });
    /* 2 = C-c+E+e-; 3 = K- (k not typed); 9 = Cw/Mia; 0 M/N, S/s, U/P1; 9 Lu/Kp; 0 Le; 5 = Fy(a-b+); 6 = Jk(a+), Jkb not typed. */
    expect(label.dataStructures.find((s) => s.number === '012')?.data).toBe('=\\239000905699999999');
    const scanned = parseIsbtScan(label.dataStructures.map((s) => s.data).join(''));
    expect(scanned.find((s) => s.number === '012')).toEqual({
      number: '012',
      phenotype,
      furtherAntigen: '99',
    });
    expect(label.phenotype).toEqual(phenotype);

    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      await buildProgram().parseAsync(['node', 'hemotrace', 'label', unitId, '--dir', demo.dir, '--json']);
    } finally {
      log.mockRestore();
    }
    expect(JSON.parse(printed.join('\n'))).toEqual(label);
  });

  it('records antigen results scanned from a label (012) as the same results typed', async () => {
    const typedDin = 'A999927000402';
    const scannedDin = 'A999927000403';
    for (const din of [typedDin, scannedDin]) {
      await donationCompleted(t, din);
      await t
        .as('laboratory')
        .post(`/api/v1/laboratory/donations/${din}/sample-receipts`)
        .send({ labSiteId: 'BC-1', labType: 'CENTRAL_LAB', transportMinutes: 95, condition: 'ACCEPTABLE' })
        .expect(201);
    }
    const record = (din: string, phenotype: string) =>
      t
        .as('laboratory')
        .post(`/api/v1/laboratory/donations/${din}/phenotypes`)
        .send({ phenotype, method: 'GEL_CARD', reagentLot: 'PHE-2026-002' });
    await record(typedDin, 'C-,c+,E+,e-,K-,Fy(a-),Fyb+,Jka+').expect(201);
    await record(scannedDin, '=\\239000905699999999').expect(201);
    const recorded = async (din: string) =>
      (await t.as('laboratory').get(`/api/v1/laboratory/donations/${din}`).expect(200)).body.phenotype;
    expect(await recorded(scannedDin)).toEqual(await recorded(typedDin));
    expect(await recorded(scannedDin)).toEqual({
      C: 'NEG',
      c: 'POS',
      E: 'POS',
      e: 'NEG',
      K: 'NEG',
      Fya: 'NEG',
      Fyb: 'POS',
      Jka: 'POS',
    });
    const unreadable = await record(typedDin, '=\\2390009').expect(400);
    expect(unreadable.body.code).toBe('ISBT.UNREADABLE_SCAN');
  });
});
