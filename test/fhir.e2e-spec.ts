import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { R5 } from '@smile-cdr/fhirts';
import type { EventStore } from '@hemotrace/event-sourcing';
import { EVENT_STORE } from '@hemotrace/event-sourcing';
import type { DemoSummary } from '../apps/cli/src/demo';
import { demoDataDir } from './support/demo-store';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const ISBT = 'http://hl7.org/fhir/sid/isbt-128';

type Searchset<T> = R5.Bundle & { entry?: { resource: T; fullUrl: string }[] };

/* The demo dataset is written to SQLite; the PostgreSQL pass of the journeys would repeat the same run. */
const onEmbeddedStore = process.env.HEMOTRACE_TEST_STORE === 'postgres' ? describe.skip : describe;

onEmbeddedStore('HL7 FHIR R5 at /fhir over the demo dataset', () => {
  let t: TestApp;
  let demo: { dir: string; summary: DemoSummary };

  beforeAll(async () => {
    demo = await demoDataDir(60);
    t = await startTestApp({
      store: 'sqlite',
      env: { HEMOTRACE_DATA_DIR: demo.dir, HEMOTRACE_EXPIRY_SWEEP_MS: '0' },
    });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(demo.dir, { recursive: true, force: true });
  });

  const search = async <T>(url: string, who = 'quality-auditor'): Promise<T[]> => {
    const response = await t.as(who).get(url).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = JSON.parse(response.text) as Searchset<T>;
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('searchset');
    return (bundle.entry ?? []).map((e) => e.resource);
  };

  it('publishes a CapabilityStatement at /fhir/metadata without a token', async () => {
    const response = await t.anonymous().get('/fhir/metadata').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const statement = JSON.parse(response.text) as R5.CapabilityStatement;
    expect(statement.fhirVersion).toBe('5.0.0');
    expect(statement.rest?.[0].resource?.map((r) => r.type)).toEqual([
      'BiologicallyDerivedProduct',
      'BiologicallyDerivedProductDispense',
      'Patient',
      'Provenance',
    ]);
  });

  it('finds the units of a donation by its ISBT 128 DIN and reads each with DIN, product code, ABO/RhD and expiry', async () => {
    const unitId = demo.summary.sampleUnitId!;
    const din = unitId.slice(0, 13);
    const products = await search<R5.BiologicallyDerivedProduct>(
      `/fhir/BiologicallyDerivedProduct?identifier=${encodeURIComponent(`${ISBT}|${din}`)}`,
    );
    expect(products.length).toBeGreaterThan(0);
    expect(products.map((p) => p.id)).toContain(unitId);
    const product = JSON.parse(
      (await t.as('quality-auditor').get(`/fhir/BiologicallyDerivedProduct/${unitId}`).expect(200)).text,
    ) as R5.BiologicallyDerivedProduct;
    expect(product.biologicalSourceEvent).toEqual({ system: ISBT, value: din });
    expect(product.identifier).toEqual([{ system: ISBT, value: unitId.replace('-', '') }]);
    expect(product.productCode?.coding?.[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/ib',
      code: unitId.slice(14, 19),
    });
    expect(product.division).toBe(unitId.slice(20));
    const aboRhd = product.property?.find((p) => p.type.coding?.[0].code === 'aborhd');
    expect(aboRhd?.valueCodeableConcept?.coding?.[0].code).toMatch(/^(95|51|06|62|17|73|28|84)$/);
    expect(product.expirationDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(product.collection?.collectedDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(product.storageTempRequirements?.low?.code).toBe('Cel');
    expect(['available', 'unavailable']).toContain(product.productStatus?.code);

    const byScan = await search<R5.BiologicallyDerivedProduct>(
      `/fhir/BiologicallyDerivedProduct?biological-source-event=${encodeURIComponent(`=${din}00`)}`,
    );
    expect(byScan.map((p) => p.id).sort()).toEqual(products.map((p) => p.id).sort());
  });

  it('lists the dispenses of a patient, each naming the product and a pseudonymous Patient', async () => {
    const patientId = demo.summary.samplePatientId!;
    const dispenses = await search<R5.BiologicallyDerivedProductDispense>(
      `/fhir/BiologicallyDerivedProductDispense?patient=Patient/${patientId}`,
    );
    expect(dispenses.length).toBeGreaterThan(0);
    for (const d of dispenses) {
      expect(d.patient).toEqual({ reference: `Patient/${patientId}` });
      expect(d.product?.reference).toMatch(/^BiologicallyDerivedProduct\//);
      expect(['issued', 'returned']).toContain(d.status);
    }
    const patient = JSON.parse(
      (await t.as('quality-auditor').get(`/fhir/Patient/${patientId}`).expect(200)).text,
    ) as R5.Patient;
    expect(patient.name).toBeUndefined();
    expect(patient.birthDate).toBeUndefined();
    expect(patient.meta?.security?.[0].code).toBe('PSEUDED');
  });

  it("gives one Provenance per event of the unit's stream, with the actor and the business and record times", async () => {
    const unitId = demo.summary.sampleUnitId!;
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(`Unit-${unitId}`);
    const provenance = await search<R5.Provenance>(
      `/fhir/Provenance?target=BiologicallyDerivedProduct/${unitId}`,
    );
    expect(provenance.map((p) => p.id)).toEqual(events.map((e) => e.eventId));
    expect(provenance[0]).toMatchObject({
      occurredDateTime: events[0].occurredAt,
      recorded: events[0].recordedAt,
      agent: [{ who: { identifier: { value: events[0].actor.userId } } }],
    });
  });

  it('applies the API access rules: 401 without a token, 403 for a role that does not read, a hospital sees only its own', async () => {
    const unauthenticated = await t.anonymous().get('/fhir/BiologicallyDerivedProduct').expect(401);
    expect(JSON.parse(unauthenticated.text)).toMatchObject({ resourceType: 'OperationOutcome' });
    await t.as('phlebotomist').get('/fhir/BiologicallyDerivedProduct').expect(403);

    const all = await search<R5.BiologicallyDerivedProduct>('/fhir/BiologicallyDerivedProduct?_count=1000');
    const mine = await search<R5.BiologicallyDerivedProduct>(
      '/fhir/BiologicallyDerivedProduct?_count=1000',
      'hospital',
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    const held = (p: R5.BiologicallyDerivedProduct) =>
      p.property?.find((x) => x.type.coding?.[0].code === 'storage-location')?.valueString;
    expect(mine.every((p) => held(p)?.startsWith('HOSP-1'))).toBe(true);
    const elsewhere = all.find((p) => !held(p)?.startsWith('HOSP-1'))!;
    const notMine = await t
      .as('hospital')
      .get(`/fhir/BiologicallyDerivedProduct/${elsewhere.id}`)
      .expect(404);
    expect(JSON.parse(notMine.text).issue[0].details.coding[0].code).toBe('FHIR.RESOURCE_NOT_FOUND');

    const dispenses = await search<R5.BiologicallyDerivedProductDispense>(
      '/fhir/BiologicallyDerivedProductDispense?_count=1000',
      'hospital',
    );
    expect(dispenses.every((d) => d.location?.identifier?.value?.startsWith('HOSP-1/'))).toBe(true);
  });

  it("passes HAPI FHIR's R5 validator with 0 errors over every resource the demo gives", async () => {
    const out = mkdtempSync(join(tmpdir(), 'hemotrace-fhir-'));
    try {
      const products = await search<R5.BiologicallyDerivedProduct>(
        '/fhir/BiologicallyDerivedProduct?_count=1000',
      );
      const dispenses = await search<R5.BiologicallyDerivedProductDispense>(
        '/fhir/BiologicallyDerivedProductDispense?_count=1000',
      );
      const patients = [...new Set(dispenses.map((d) => d.patient!.reference!))];
      const resources: { resourceType: string; id?: string }[] = [
        JSON.parse((await t.anonymous().get('/fhir/metadata')).text),
        ...products.slice(0, 60),
        ...dispenses.slice(0, 30),
      ];
      for (const ref of patients.slice(0, 10)) {
        resources.push(JSON.parse((await t.as('quality-auditor').get(`/fhir/${ref}`).expect(200)).text));
      }
      for (const p of products.slice(0, 5)) {
        resources.push(
          ...(await search<R5.Provenance>(`/fhir/Provenance?target=BiologicallyDerivedProduct/${p.id}`)),
        );
      }
      resources.push(
        JSON.parse((await t.as('quality-auditor').get('/fhir/BiologicallyDerivedProduct?_count=5')).text),
        JSON.parse((await t.anonymous().get('/fhir/Patient/unknown')).text),
      );
      resources.forEach((r, i) =>
        writeFileSync(join(out, `${String(i).padStart(5, '0')}-${r.resourceType}.json`), JSON.stringify(r)),
      );
      expect(products.length).toBeGreaterThan(50);
      expect(dispenses.length).toBeGreaterThan(0);
      const run = spawnSync('bash', ['infra/fhir/validate.sh', out], { encoding: 'utf8', timeout: 600_000 });
      const summary = /fhir-validation: (\d+) resources, (\d+) errors/.exec(run.stdout);
      if (run.status !== 0) {
        const kinds = run.stdout
          .split('\n')
          .filter((l) => l.startsWith('ERROR'))
          .map((l) => l.replace(/^ERROR \S+ /, ''));
        console.log([...new Set(kinds)].join('\n'));
      }
      expect(summary?.slice(1)).toEqual([String(resources.length), '0']);
      expect(run.status).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 660_000);
});
