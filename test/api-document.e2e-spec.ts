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
