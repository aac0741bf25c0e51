import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

interface Operation {
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('documents each request body with its own schema (no two DTOs share a name)', async () => {
    const doc = (await t.anonymous().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const bodyOf = (path: string) =>
      doc.paths[path].post.requestBody?.content['application/json'].schema.$ref;
    const ward = bodyOf('/api/v1/transfusion/requests/{requestId}/units/{unitId}/return');
    const center = bodyOf('/api/v1/distribution/shipments/{shipmentId}/returns');
    expect(ward).toBe('#/components/schemas/WardReturnRequest');
    expect(center).toBe('#/components/schemas/ReturnUnitRequest');
    expect(Object.keys(doc.components.schemas.ReturnUnitRequest.properties ?? {})).toContain('unitId');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/fhir/metadata',
        '/fhir/BiologicallyDerivedProduct',
        '/metrics',
        '/health/ready',
      ]),
    );
  });
});

describe('errors as RFC 9457 problem details', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers a refused body with application/problem+json, keeping the stable code and the field errors', async () => {
    const response = await t.as('phlebotomist').post('/api/v1/donations').send({ din: 'nope' }).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'urn:hemotrace:problem:VALIDATION_FAILED',
      title: 'Bad Request',
      status: 400,
      detail: 'The request has invalid fields',
      instance: '/api/v1/donations',
      code: 'VALIDATION_FAILED',
      statusCode: 400,
    });
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('donorId');
  });

  it('answers an unknown unit with 404 problem details and its own code', async () => {
    const response = await t
      .as('components')
      .get('/api/v1/components/units/G123400000001-E0398V00')
      .expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 404,
      title: 'Not Found',
      type: `urn:hemotrace:problem:${response.body.code}`,
    });
    expect(response.body.code).toMatch(/NOT_FOUND$/);
  });
});
