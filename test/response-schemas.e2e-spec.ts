import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

interface Operation {
  parameters?: Array<{ in: string; required?: boolean }>;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

/**
 * The generated success schemas are checked against what the server really answers: every GET of
 * the API that needs no parameter, and a donor's registration and screening, validated with Ajv
 * (OpenAPI 3.0's `nullable` included) against the schema their operation documents.
 */
describe('the documented response schemas against real answers', () => {
  let t: TestApp;
  let doc: Document;
  let ajv: Ajv;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.anonymous().get('/api/docs-json').expect(200)).body as Document;
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ components: doc.components }, 'doc');
  });
  afterAll(() => t.close());

  const mismatches = (method: string, path: string, response: Response): string[] => {
    const documented = doc.paths[path][method].responses[String(response.status)];
    const schema = documented?.content?.['application/json']?.schema;
    if (!schema) return [`${method} ${path}: ${response.status} has no documented JSON schema`];
    const validate = ajv.compile(
      JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"doc#/components')),
    );
    return validate(response.body)
      ? []
      : (validate.errors ?? []).map((e) => `${method} ${path}: ${e.instancePath} ${e.message}`);
  };

  it('every GET of the API without parameters answers what its schema says', async () => {
    const gets = Object.entries(doc.paths).filter(
      ([path, item]) =>
        path.startsWith('/api/v1/') &&
        item.get &&
        !(item.get.parameters ?? []).some((p) => p.in === 'path' || p.required) &&
        item.get.responses['200']?.content?.['application/json'],
    );
    expect(gets.length).toBeGreaterThan(10);
    const found: string[] = [];
    let answered = 0;
    for (const [path] of gets) {
      const response = await t.as('admin').get(path);
      if (response.status !== 200) continue;
      answered++;
      found.push(...mismatches('get', path, response));
    }
    expect(answered).toBeGreaterThan(10);
    expect(found).toEqual([]);
  });

  it("a donor's registration, screening and eligibility answer what their schemas say", async () => {
    const registered = await t
      .as('donor-clinic')
      .post('/api/v1/donors')
      .send({
        name: 'Li Na',
        document: { type: 'PASSPORT', number: 'E55667788' },
        birthDate: '1988-03-09',
        sex: 'F',
        contact: {},
      })
      .expect(201);
    const { donorId } = registered.body as { donorId: string };
    const screened = await t
      .as('donor-clinic')
      .post(`/api/v1/donors/${donorId}/screenings`)
      .send({ procedure: 'WHOLE_BLOOD', measurements: healthyMeasurements, answers: noDeferringAnswers })
      .expect(201);
    const donor = await t.as('donor-clinic').get(`/api/v1/donors/${donorId}`).expect(200);
    const eligibility = await t
      .as('donor-clinic')
      .get(`/api/v1/donors/${donorId}/eligibility?procedure=WHOLE_BLOOD`)
      .expect(200);
    expect([
      ...mismatches('post', '/api/v1/donors', registered),
      ...mismatches('post', '/api/v1/donors/{donorId}/screenings', screened),
      ...mismatches('get', '/api/v1/donors/{donorId}', donor),
      ...mismatches('get', '/api/v1/donors/{donorId}/eligibility', eligibility),
    ]).toEqual([]);
    /* the check can fail: a body missing a required field does not pass */
    expect(
      mismatches('post', '/api/v1/donors', { ...registered, body: {} } as unknown as Response),
    ).not.toEqual([]);
  });
});
