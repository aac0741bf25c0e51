import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type { Role } from '@hemotrace/kernel';
import { addMonths } from '@hemotrace/kernel';
import {
  createKafka,
  DEAD_LETTERS,
  PROCESSED_MESSAGES,
  REACTION_FAILURES,
  topicFor,
} from '@hemotrace/messaging';
import { deleteTopics, eventually } from '../kafka/support/broker';
import type { RunningService, ServiceName } from './support/services';
import {
  freePortsBelowEphemeral,
  roleTokens,
  startInfra,
  startService,
  stopService,
  tail,
  tokenOf,
} from './support/services';
import { healthyMeasurements, noDeferringAnswers } from '../fixtures/donor-screening.fixtures';
import { bloodCenter, hospital, registerSites } from '../fixtures/sites.fixtures';

/*
 * Each context in its own process (node dist/apps/<context>-service), one PostgreSQL log shared
 * as the outbox, reactions travelling over the real Kafka broker. Needs `npm run build` first
 * (infra/run-tests.sh does it). Runs apart from test/kafka, which stops the broker.
 */
jest.setTimeout(180_000);

const elisa = (marker: string, manufacturer: string) => ({
  marker,
  method: 'ELISA',
  reagent: { manufacturer, lot: `${manufacturer.toUpperCase()}-${marker}-DIST` },
  instrument: 'FAME-24/20',
  value: 0.2,
  interpretation: 'NON_REACTIVE',
});

const run = randomBytes(4).toString('hex');
/* Not `tmp_`: a store drops a tmp_ schema when it closes, and these services share one; afterAll drops it. */
const schema = `dist_${run}`;
const prefix = `hemotrace-dist-${run}`;
const logs = mkdtempSync(join(tmpdir(), 'hemotrace-dist-'));
const SERVICES: ServiceName[] = [
  'donors',
  'collection',
  'laboratory',
  'components',
  'distribution',
  'transfusion',
  'traceability',
];
/* Each service's read side (read models, checkpoints, processed messages, dead letters): `<schema>_<context>`. */
const readSchemaOf = (name: ServiceName): string => `${schema}_${name}`;
/* Filled in beforeAll with free ports below the kernel's ephemeral range (32768-60999 here), so a
   port picked for a service can never be the source port of some outgoing connection meanwhile. */
const PORTS = {} as Record<ServiceName, number>;

describe('the donation journey across separate service processes over Kafka', () => {
  let brokers: string;
  let databaseUrl: string;
  let env: NodeJS.ProcessEnv;
  const services = new Map<ServiceName, RunningService>();

  const start = async (name: ServiceName) => {
    const service = await startService(name, PORTS[name], env, join(logs, `${name}.log`));
    services.set(name, service);
    return service;
  };

  const as = (name: ServiceName, role: Role) => {
    const agent = request(services.get(name)!.url);
    const auth = <T extends { set(n: string, v: string): T }>(r: T) =>
      r.set('Authorization', `Bearer ${tokenOf(role)}`);
    return {
      get: (path: string) => auth(agent.get(path)),
      post: (path: string) => auth(agent.post(path)),
    };
  };

  /** Another service's projection follows the shared log on its own clock: retry until it knows the fact. */
  const accepted = async (send: () => Promise<{ status: number; body: unknown }>, status = 201) =>
    eventually(async () => {
      const res = await send();
      expect(res.status).toBe(status);
      return res;
    }, 20_000);

  beforeAll(async () => {
    Object.assign(PORTS, await freePortsBelowEphemeral(SERVICES));
    databaseUrl = startInfra('postgres');
    brokers = startInfra('kafka');
    const url = new URL(
      process.env.HEMOTRACE_TEST_DATABASE_URL ?? databaseUrl.replace(/\/[^/]*$/, '/hemotrace_test'),
    );
    url.searchParams.set('schema', schema);
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HEMOTRACE_STORE: 'postgres',
      DATABASE_URL: url.toString(),
      HEMOTRACE_PG_POOL_SIZE: '4',
      HEMOTRACE_BUS: 'kafka',
      KAFKA_BROKERS: brokers,
      HEMOTRACE_TOPIC_PREFIX: prefix,
      HEMOTRACE_KAFKA_SESSION_TIMEOUT_MS: '6000',
      HEMOTRACE_TOKENS: roleTokens(),
      HEMOTRACE_TOKENS_FILE: '',
      HEMOTRACE_DATA_DIR: logs,
    };
    // The first service creates the shared schema; the others then open it side by side.
    await start('donors');
    await Promise.all(
      (['collection', 'laboratory', 'components', 'distribution', 'traceability'] as const).map(start),
    );
  });

  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => stopService(service)));
    const client = new Client({ connectionString: env.DATABASE_URL!.replace(/\?.*$/, '') });
    await client.connect();
    await client
      .query(`DROP SCHEMA IF EXISTS ${[schema, ...SERVICES.map(readSchemaOf)].join(', ')} CASCADE`)
      .finally(() => client.end());
    await deleteTopics(createKafka({ brokers: [brokers] }), prefix).catch(() => undefined);
  });

  /** A failing step shows the end of every service's log next to the assertion. */
  const withLogs = (body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (error) {
      const logsOf = [...services].map(([name, s]) => `--- ${name}-service\n${tail(s.log, 15)}`).join('\n');
      if (error instanceof Error) error.message += `\n${logsOf}`;
      throw error;
    }
  };

  let documentNumber = 0;
  const registerAndScreen = async (): Promise<string> => {
    const registered = await as('donors', 'donor-clinic')
      .post('/api/v1/donors')
      .send({
        name: 'Li Wei',
        document: { type: 'RESIDENT_ID_CARD', number: `D${run}${String(++documentNumber).padStart(4, '0')}` },
        birthDate: '1990-05-01',
        sex: 'M',
        contact: {},
      })
      .expect(201);
    const donorId = registered.body.donorId as string;
    const screened = await as('donors', 'donor-clinic')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ procedure: 'WHOLE_BLOOD', measurements: healthyMeasurements, answers: noDeferringAnswers })
      .expect(201);
    expect(screened.body.outcome).toBe('ELIGIBLE');
    return donorId;
  };

  const collect = async (din: string, donorId: string): Promise<string> => {
    await as('collection', 'phlebotomist')
      .post('/api/v1/donations')
      .send({
        din,
        donorId,
        procedure: 'WHOLE_BLOOD',
        volumeMl: 400,
        siteId: 'BC-1',
        siteType: 'FIXED_SITE',
        bagLot: 'BAG-DIST-01',
      })
      .expect(201);
    const endedAt = new Date().toISOString();
    await as('collection', 'phlebotomist')
      .post(`/api/v1/donations/${din}/completion`)
      .send({ volumeMl: 402, endedAt })
      .expect(200);
    return endedAt;
  };

  const lab = (din: string, step: string) => `/api/v1/laboratory/donations/${din}/${step}`;
  const testEverything = async (din: string) => {
    await accepted(() =>
      as('laboratory', 'laboratory')
        .post(lab(din, 'sample-receipts'))
        .send({ labSiteId: 'BC-1', labType: 'CENTRAL_LAB', transportMinutes: 40, condition: 'ACCEPTABLE' }),
    );
    for (let i = 0; i < 2; i++) {
      await as('laboratory', 'laboratory')
        .post(lab(din, 'blood-group-determinations'))
        .send({ forward: 'O', reverse: 'O', rhd: 'POS', method: 'MICROPLATE', reagentLot: 'ABO-DIST' })
        .expect(201);
    }
    await as('laboratory', 'laboratory')
      .post(lab(din, 'antibody-screens'))
      .send({ result: 'NEGATIVE', method: 'MICROPLATE', reagentLot: 'SCR-DIST' })
      .expect(201);
    for (const marker of ['HIV', 'HBV', 'HCV']) {
      for (const maker of ['Wantai', 'Kehua']) {
        await as('laboratory', 'laboratory')
          .post(lab(din, 'marker-results'))
          .send(elisa(marker, maker))
          .expect(201);
      }
    }
    await as('laboratory', 'laboratory')
      .post(lab(din, 'marker-results'))
      .send(elisa('SYPHILIS', 'Wantai'))
      .expect(201);
    await as('laboratory', 'laboratory')
      .post(lab(din, 'marker-results'))
      .send({
        marker: 'ALT',
        method: 'ENZYMATIC',
        reagent: { manufacturer: 'Mindray', lot: 'ALT-DIST' },
        value: 20,
      })
      .expect(201);
  };

  const conclude = async (din: string) => {
    const concluded = await as('laboratory', 'laboratory').post(lab(din, 'conclusion')).expect(201);
    expect(concluded.body.recorded).toEqual(['DonationQualified']);
  };

  const prepare = async (din: string): Promise<string> => {
    const res = await accepted(() =>
      as('components', 'components')
        .post('/api/v1/components/units')
        .send({ din, descriptionCode: 'E0398', volumeMl: 280, equipmentId: 'CENTRIFUGE-1' }),
    );
    return ((res.body as { unitId?: string }).unitId as string | undefined) ?? `${din}-E0398V00`;
  };

  const unitStatus = async (unitId: string): Promise<string> =>
    (await as('components', 'components').get(`/api/v1/components/units/${unitId}`).expect(200)).body.status;

  const sql = async <T extends object>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: env.DATABASE_URL!.replace(/\?.*$/, '') });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  /** The unit's stream as stored in the shared log. */
  const unitEventTypes = async (unitId: string): Promise<string[]> => {
    const client = new Client({ connectionString: env.DATABASE_URL!.replace(/\?.*$/, '') });
    await client.connect();
    try {
      const { rows } = await client.query<{ type: string }>(
        `SELECT type FROM ${schema}.events WHERE stream_id = $1 ORDER BY stream_version`,
        [`Unit-${unitId}`],
      );
      return rows.map((r) => r.type);
    } finally {
      await client.end();
    }
  };

  /** Messages the consumer group committed on a context's topic: proof the reaction came through Kafka. */
  const committed = async (
    groupId: string,
    context: 'laboratory' | 'distribution' | 'collection',
  ): Promise<number> => {
    const admin = createKafka({ brokers: [brokers] }).admin();
    await admin.connect();
    try {
      const [topic] = await admin.fetchOffsets({ groupId, topics: [topicFor(context, prefix)] });
      return topic.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    } finally {
      await admin.disconnect();
    }
  };

  const din = (n: number) => `A999926${String(n).padStart(6, '0')}`;
  let firstUnit = '';

  it(
    'registers, collects, tests, releases over Kafka, ships and receives, each step in its own service',
    withLogs(async () => {
      const donorId = await registerAndScreen();
      await collect(din(1), donorId);
      firstUnit = await prepare(din(1));
      expect(await unitStatus(firstUnit)).toBe('Quarantined');
      await testEverything(din(1));
      await conclude(din(1));

      // laboratory-service relays DonationQualified to Kafka; components-service's consumer releases the unit.
      await eventually(async () => expect(await unitStatus(firstUnit)).toBe('Released'), 40_000, 250);
      const health = await request(services.get('components')!.url).get('/health').expect(200);
      expect(health.body.bus).toBe('kafka');
      expect(health.body.processors.filter((p: string) => p.startsWith('reactor:bus:'))).toEqual([]);
      expect(await committed(`${prefix}.components.laboratory-outcome`, 'laboratory')).toBeGreaterThan(0);
      // Components learns of the collected donation only from collection's topic: its donation facts are a consumer group.
      expect(health.body.processors.filter((p: string) => p.startsWith('bus:'))).toEqual([]);
      expect(await committed(`${prefix}.components-donation-facts`, 'collection')).toBeGreaterThan(0);

      // Sites are master data in the distribution service: the consignee must be registered first.
      await registerSites(as('distribution', 'admin'), [bloodCenter('BC-1'), hospital('HOSP-1')]);
      const shipment = await accepted(() =>
        as('distribution', 'distribution')
          .post('/api/v1/distribution/shipments')
          .send({ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' }),
      );
      const shipmentId = (shipment.body as { shipmentId: string }).shipmentId;
      // Released on the unit's stream is enough: distribution reads the unit from the log of record.
      await as('distribution', 'distribution')
        .post(`/api/v1/distribution/shipments/${shipmentId}/units`)
        .send({ unitId: firstUnit })
        .expect(201);
      await as('distribution', 'distribution')
        .post(`/api/v1/distribution/shipments/${shipmentId}/dispatch`)
        .send({ carrier: 'City cold chain', coolerId: 'BOX-7', temperatureC: 4 })
        .expect(200);
      await as('distribution', 'hospital')
        .post(`/api/v1/distribution/shipments/${shipmentId}/receipt`)
        .send({ condition: 'INTACT', temperatureC: 5, units: [{ unitId: firstUnit, accepted: true }] })
        .expect(200);

      // distribution.ShipmentReceived.v1 over Kafka moves custody on the unit's stream.
      await eventually(
        async () => {
          const custody = await as('components', 'components')
            .get(`/api/v1/components/units/${firstUnit}/custody`)
            .expect(200);
          expect(custody.body.inTransitShipmentId).toBeNull();
          expect(JSON.stringify(custody.body.custodyChain.at(-1))).toContain('HOSP-1');
        },
        40_000,
        250,
      );
      expect(await committed(`${prefix}.components.unit-lifecycle`, 'distribution')).toBeGreaterThan(0);
      const types = await unitEventTypes(firstUnit);
      expect(types.filter((t) => t === 'UnitReleased')).toHaveLength(1);
      expect(types).toEqual(expect.arrayContaining(['UnitShipped', 'UnitCustodyTransferred']));

      // FHIR, in the traceability service, describes the unit from the components service's schema.
      await eventually(async () => {
        const product = await as('traceability', 'components')
          .get(`/fhir/BiologicallyDerivedProduct/${firstUnit}`)
          .expect(200);
        expect(product.body).toMatchObject({ resourceType: 'BiologicallyDerivedProduct', id: firstUnit });
        expect(JSON.stringify(product.body)).toContain('HOSP-1');
      }, 20_000);
      const provenance = await as('traceability', 'components')
        .get(`/fhir/Provenance?target=BiologicallyDerivedProduct/${firstUnit}`)
        .expect(200);
      expect(provenance.body.entry).toHaveLength(types.length);
    }),
  );

  it(
    'resumes after the components service is killed: every unit released exactly once, nothing lost',
    withLogs(async () => {
      const dins = [2, 3, 4].map(din);
      const units: string[] = [];
      for (const d of dins) {
        await collect(d, await registerAndScreen());
        units.push(await prepare(d));
        await testEverything(d);
      }

      await conclude(dins[0]);
      const components = services.get('components')!;
      components.process.kill('SIGKILL');
      await components.exited;
      for (const d of dins.slice(1)) await conclude(d);

      const restarted = await start('components');
      const health = await request(restarted.url).get('/health').expect(200);
      expect(health.body.relay.checkpoint).not.toBe('');

      for (const unitId of units) {
        await eventually(async () => expect(await unitStatus(unitId)).toBe('Released'), 60_000, 250);
      }
      for (const unitId of [firstUnit, ...units]) {
        expect((await unitEventTypes(unitId)).filter((t) => t === 'UnitReleased')).toHaveLength(1);
      }
    }),
  );

  it('relays from each service only its own context, under its own checkpoint', async () => {
    const lab = (await request(services.get('laboratory')!.url).get('/health').expect(200)).body.relay;
    expect(lab.published).toBeGreaterThan(0);
    expect(lab.others).toBeGreaterThan(0);
    for (const name of ['collection', 'components', 'distribution', 'donors', 'laboratory'] as const) {
      const rows = await sql<{ projection: string }>(
        `SELECT projection FROM ${readSchemaOf(name)}.projection_checkpoints WHERE projection LIKE 'relay:%' ORDER BY 1`,
      );
      expect(rows.map((r) => r.projection)).toEqual([`relay:kafka:${name}`]);
    }
  });

  it(
    'refuses a donation inside the interval collection learnt from Kafka, to the instant the donors service gives',
    withLogs(async () => {
      const donorId = await registerAndScreen();
      const endedAt = await collect(din(5), donorId);

      // collection's own copy of the donation history, in its own schema, fed by its own consumer group.
      await eventually(
        async () => {
          const [copy] = await sql<{ doc: { donations: { din: string; endedAt: string }[] } }>(
            `SELECT doc FROM ${readSchemaOf('collection')}.read_models WHERE collection = 'donor_donation_history' AND id = $1`,
            [donorId],
          );
          expect(copy?.doc.donations).toEqual([expect.objectContaining({ din: din(5), endedAt })]);
        },
        40_000,
        250,
      );
      expect(await committed(`${prefix}.collection.donor-donation-history`, 'collection')).toBeGreaterThan(0);

      const until = addMonths(endedAt, 6);
      const refused = await as('collection', 'phlebotomist')
        .post('/api/v1/donations')
        .send({
          din: din(6),
          donorId,
          procedure: 'WHOLE_BLOOD',
          volumeMl: 400,
          siteId: 'BC-1',
          siteType: 'FIXED_SITE',
          bagLot: 'BAG-DIST-01',
        })
        .expect(422);
      // The eligibility answer (from the copy), not the register's own refusal on DonorDonations-.
      expect(refused.body.code).toBe('COLLECTION.DONOR_NOT_ELIGIBLE');
      expect(refused.body.details.reasons).toEqual([
        expect.objectContaining({ code: 'DONATION_INTERVAL_NOT_RESPECTED', until }),
      ]);
      expect(
        await sql(`SELECT 1 FROM ${schema}.events WHERE stream_id = $1`, [`Donation-${din(6)}`]),
      ).toEqual([]);

      // The donors service, from its own copy, names the same instant.
      await eventually(async () => {
        const eligibility = await as('donors', 'donor-clinic')
          .get(`/api/v1/donors/${donorId}/eligibility?procedure=WHOLE_BLOOD`)
          .expect(200);
        expect(eligibility.body).toMatchObject({ eligible: false, eligibleFrom: until });
      }, 40_000);
    }),
  );

  it(
    "refuses to pack a unit that is not released, decided from the unit's stream the moment components wrote it",
    withLogs(async () => {
      await collect(din(7), await registerAndScreen());
      const unitId = await prepare(din(7));
      const created = await as('distribution', 'distribution')
        .post('/api/v1/distribution/shipments')
        .send({ type: 'HOSPITAL_ISSUE', toSiteId: 'HOSP-1' })
        .expect(201);
      const shipmentId = created.body.shipmentId as string;
      // No retry: distribution has no units read model to wait for; a lagging copy would answer 404.
      const refused = await as('distribution', 'distribution')
        .post(`/api/v1/distribution/shipments/${shipmentId}/units`)
        .send({ unitId })
        .expect(422);
      expect(refused.body.code).toBe('COMP.UNIT_NOT_RELEASED');
      const unknown = await as('distribution', 'distribution')
        .post(`/api/v1/distribution/shipments/${shipmentId}/units`)
        .send({ unitId: `${din(8)}-E0398V00` })
        .expect(404);
      expect(unknown.body.code).toBe('COMP.UNIT_NOT_FOUND');
      const shipment = await as('distribution', 'distribution')
        .get(`/api/v1/distribution/shipments/${shipmentId}`)
        .expect(200);
      expect(shipment.body.units).toEqual([]);
    }),
  );

  it("keeps each service's read models in a schema of its own and only the log in the shared one", async () => {
    const started = [
      'collection',
      'components',
      'distribution',
      'donors',
      'laboratory',
      'traceability',
    ] as const;
    const tablesOf = async (name: string) =>
      (
        await sql<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
          [name],
        )
      ).map((r) => r.table_name);

    const shared = await tablesOf(schema);
    expect(shared).toEqual(expect.arrayContaining(['events', 'personal_data_keys']));
    expect(shared).not.toContain('read_models');
    expect(shared).not.toContain('projection_checkpoints');

    /* Bookkeeping every consumer keeps of itself, in its own service's schema. */
    const bookkeeping = new Set<string>([PROCESSED_MESSAGES, DEAD_LETTERS, REACTION_FAILURES]);
    const holders = new Map<string, string[]>();
    for (const name of started) {
      const health = await request(services.get(name)!.url).get('/health').expect(200);
      expect(health.body.readModelSchema).toBe(readSchemaOf(name));
      const tables = await tablesOf(readSchemaOf(name));
      expect(tables).toEqual(expect.arrayContaining(['read_models', 'projection_checkpoints']));
      expect(tables).not.toContain('events');
      const collections = await sql<{ collection: string }>(
        `SELECT DISTINCT collection FROM ${readSchemaOf(name)}.read_models`,
      );
      expect(collections.length).toBeGreaterThan(0);
      for (const { collection } of collections) {
        if (!bookkeeping.has(collection)) holders.set(collection, [...(holders.get(collection) ?? []), name]);
      }
    }
    const inSeveral = [...holders].filter(([, names]) => names.length > 1);
    // One copy on purpose: collection's donation history for intervals, folded from collection's own contract.
    expect(Object.fromEntries(inSeveral)).toEqual({ donor_donation_history: ['collection', 'donors'] });
    expect(holders.get('components_units')).toEqual(['components']);
    expect(holders.get('distribution_shipments')).toEqual(['distribution']);
  });

  it('puts CloudEvents on the topics that any Kafka client reads (kcat)', () => {
    const out = execFileSync(
      'kcat',
      ['-C', '-b', brokers, '-t', topicFor('laboratory', prefix), '-e', '-J', '-q'],
      { encoding: 'utf8' },
    );
    const records = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string; payload: string; headers: string[] });
    const headersOf = (r: { headers: string[] }) =>
      Object.fromEntries(r.headers.flatMap((v, i, all) => (i % 2 === 0 ? [[v, all[i + 1]]] : [])));
    const qualified = records.find(
      (r) =>
        r.key === `DonationTesting-${din(1)}` && headersOf(r).ce_type === 'laboratory.DonationQualified.v1',
    );
    expect(qualified).toBeDefined();
    expect(headersOf(qualified!)).toMatchObject({
      ce_specversion: '1.0',
      ce_source: 'hemotrace/laboratory',
      ce_subject: `DonationTesting-${din(1)}`,
      'content-type': 'application/json',
    });
    expect(headersOf(qualified!).ce_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(qualified!.payload)).toMatchObject({
      din: din(1),
      bloodGroup: { abo: 'O', rhd: 'POS' },
      recordedAtSite: 'BC-1',
    });
  });
});
