import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '@hemotrace/kernel';
import { PROBLEM_CODES } from '@hemotrace/platform';
import { collectProblemCodes } from './support/problem-codes.collector';
import { PROBLEM_CODES_FILE, problemCodesSource } from './support/problem-codes.file';
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

interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, { schema?: { $ref?: string; type?: string } }>;
  'x-stable-codes'?: string[];
}

interface ContractOperation {
  operationId: string;
  description?: string;
  parameters?: Array<{ in: string }>;
  responses: Record<string, Response>;
  'x-roles'?: string[];
  'x-public'?: boolean;
}

interface ContractDocument {
  paths: Record<string, Record<string, ContractOperation>>;
  components: {
    schemas: Record<string, { properties?: Record<string, unknown> }>;
    responses: Record<string, Response>;
  };
}

interface Schema {
  $ref?: string;
  type?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  required?: string[];
}

interface FhirOutcome {
  issue?: Array<{ details?: { coding?: Array<{ code?: string }> } }>;
}

const WRITES = ['post', 'put', 'patch', 'delete'];

describe('the OpenAPI contract of every operation', () => {
  let t: TestApp;
  let doc: ContractDocument;
  let operations: Array<{ method: string; path: string; operation: ContractOperation }>;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.anonymous().get('/api/docs-json').expect(200)).body as ContractDocument;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
    );
  });
  afterAll(() => t.close());

  const resolve = (response: Response): Response =>
    response.$ref ? doc.components.responses[response.$ref.split('/').pop() as string] : response;

  it('gives every operation a success response with a schema', () => {
    expect(operations.length).toBeGreaterThan(100);
    const missing = operations.filter(({ operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      return (
        success.length === 0 ||
        success.some(([, r]) => !Object.values(resolve(r).content ?? {}).every((c) => c.schema))
      );
    });
    expect(missing.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('describes the body of every write and every GET of the API with a named schema', () => {
    const schemas = doc.components.schemas as Record<string, Schema>;
    const named = (schema: Schema | undefined, hops = 0): Schema | undefined => {
      if (!schema || hops > 10) return schema;
      const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
      return ref ? named(schemas[ref.split('/').pop() as string], hops + 1) : schema;
    };
    const typed = (schema: Schema | undefined): boolean =>
      !!schema &&
      (schema.type === 'object'
        ? !!(schema.properties || schema.additionalProperties)
        : !!(schema.type || schema.anyOf || schema.oneOf || schema.allOf || schema.enum));
    const api = operations.filter(({ path }) => path.startsWith('/api/v1/'));
    expect(api.length).toBeGreaterThan(100);
    const untyped = api.flatMap(({ method, path, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^2/.test(status) && status !== '204')
        .flatMap(([status, response]) =>
          Object.entries(resolve(response).content ?? {}).flatMap(([type, { schema }]) => {
            if (type !== 'application/json')
              return typed(schema as Schema) ? [] : [`${method} ${path} ${type}`];
            const ok = !!schema?.$ref && typed(named(schema as Schema));
            return ok ? [] : [`${method} ${path} ${status}`];
          }),
        ),
    );
    expect(untyped).toEqual([]);
    const register = doc.paths['/api/v1/donors'].post.responses['201'].content?.['application/json'].schema;
    const body = named(register as Schema);
    expect(body?.properties).toHaveProperty('donorId');
    expect(body?.required).toContain('donorId');
  });

  it('lists on each operation the stable codes its own code raises, as the server answers them', async () => {
    const listed = (path: string, method: string, status: number) =>
      resolve(doc.paths[path][method].responses[String(status)] ?? {})['x-stable-codes'] ?? [];
    const donor = {
      name: 'Wang Fang',
      document: { type: 'PASSPORT', number: 'E11223344' },
      birthDate: '1990-02-01',
      sex: 'F',
      contact: {},
    };
    await t.as('donor-clinic').post('/api/v1/donors').send(donor).expect(201);
    const samples = [
      await t.as('donor-clinic').post('/api/v1/donors').send(donor),
      await t.as('donor-clinic').post('/api/v1/donors').send({}),
      await t.as('components').get('/api/v1/components/units/G123400000001-E0398V00'),
      await t.as('laboratory').post('/api/v1/laboratory/donations/G123426000009/conclusion').send({}),
      await t.as('laboratory').post('/api/v1/laboratory/donations/NOT-A-DIN/conclusion').send({}),
      await t
        .as('donor-clinic')
        .post('/api/v1/donors')
        .set('Idempotency-Key', 'contract-sample-1')
        .send({ ...donor, document: { type: 'PASSPORT', number: 'E99887766' } }),
      await t
        .as('donor-clinic')
        .post('/api/v1/donors')
        .set('Idempotency-Key', 'contract-sample-1')
        .send({ ...donor, document: { type: 'PASSPORT', number: 'E99887700' } }),
    ];
    const where = [
      ['/api/v1/donors', 'post'],
      ['/api/v1/donors', 'post'],
      ['/api/v1/components/units/{unitId}', 'get'],
      ['/api/v1/laboratory/donations/{din}/conclusion', 'post'],
      ['/api/v1/laboratory/donations/{din}/conclusion', 'post'],
      ['/api/v1/donors', 'post'],
      ['/api/v1/donors', 'post'],
    ];
    const answered = samples.map((r, i) => ({ at: where[i].join(' '), status: r.status, code: r.body.code }));
    expect(answered.map((a) => a.status)).toEqual([409, 400, 404, 404, 400, 201, 422]);
    expect(
      answered
        .filter(({ status }) => status >= 400)
        .filter(({ at, status, code }) => !listed(at.split(' ')[0], at.split(' ')[1], status).includes(code)),
    ).toEqual([]);
    /* Codes are the operation's own: registering a donor cannot answer a unit's or a shipment's code. */
    const registerCodes = Object.keys(doc.paths['/api/v1/donors'].post.responses).flatMap((status) =>
      listed('/api/v1/donors', 'post', Number(status)),
    );
    expect(registerCodes).toContain('DONORS.DUPLICATE_DOCUMENT');
    expect(registerCodes.filter((code) => /^(COMP|DIST|LAB|TRANSFUSION)\./.test(code))).toEqual([]);
    expect(listed('/api/v1/components/units/{unitId}', 'get', 404)).not.toContain('DONORS.DONOR_NOT_FOUND');
  });

  it('answers a create with 201 as the controller does', () => {
    expect(doc.paths['/api/v1/donors'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/v1/donations/{din}/completion'].post.responses['200']).toBeDefined();
  });

  it('documents 400/401/403/404/409/413/422 problem details on every write, 400/401/403/404 on reads by path', () => {
    const gaps = operations.flatMap(({ method, path, operation }) => {
      const write = WRITES.includes(method);
      const byPath = (operation.parameters ?? []).some((p) => p.in === 'path');
      const expected = write
        ? ['400', '401', '403', '404', '409', '413', '422']
        : byPath
          ? ['400', '401', '403', '404']
          : ['400', '401', '403'];
      return expected
        .filter((status) => !(operation['x-public'] && (status === '401' || status === '403')))
        .filter((status) => {
          const response = operation.responses[status];
          const content = response && resolve(response).content;
          /* FHIR answers errors as an OperationOutcome (libs/fhir/src/fhir-outcome.filter.ts) */
          return path.startsWith('/fhir/')
            ? content?.['application/fhir+json']?.schema?.$ref !== '#/components/schemas/OperationOutcome'
            : content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem';
        })
        .map((status) => `${method} ${path} ${status}`);
    });
    expect(gaps).toEqual([]);
    expect(Object.keys(doc.components.schemas.Problem.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'errors', 'correlationId']),
    );
  });

  it('lists the stable codes per status, as the server really answers them', async () => {
    const codes = (status: string) => doc.components.responses[status].description ?? '';
    expect(codes('BadRequest')).toContain('`VALIDATION_FAILED`');
    expect(codes('Unauthenticated')).toContain('`AUTH.UNAUTHENTICATED`');
    expect(codes('Forbidden')).toContain('`AUTH.ROLE_NOT_ALLOWED`');
    expect(codes('NotFound')).toContain('`DONORS.DONOR_NOT_FOUND`');
    expect(codes('Conflict')).toContain('`DONORS.DUPLICATE_DOCUMENT`');
    expect(codes('PayloadTooLarge')).toContain('`HTTP.PAYLOAD_TOO_LARGE`');
    expect(codes('RuleBroken')).toContain('`LAB.TESTING_INCOMPLETE`');
    const unknownUnit = await t.as('components').get('/api/v1/components/units/G123400000001-E0398V00');
    expect(doc.components.responses.NotFound['x-stable-codes']).toContain(unknownUnit.body.code);
    const refused = await t.as('quality-auditor').post('/api/v1/donors').send({});
    expect(refused.status).toBe(403);
    expect(doc.components.responses.Forbidden['x-stable-codes']).toContain(refused.body.code);
  });

  it('keeps the list of stable codes in step with the error classes', () => {
    const collected = collectProblemCodes(join(__dirname, '..', 'libs'));
    if (process.env.UPDATE_PROBLEM_CODES === '1') {
      writeFileSync(join(__dirname, '..', PROBLEM_CODES_FILE), problemCodesSource(collected));
      return;
    }
    expect(JSON.parse(JSON.stringify(PROBLEM_CODES))).toEqual(collected);
    expect(readFileSync(join(__dirname, '..', PROBLEM_CODES_FILE), 'utf8')).toContain('PROBLEM_CODES');
  });

  it('states the roles that may call every operation, as the guard enforces them', async () => {
    const unstated = operations.filter(
      ({ operation }) => !operation['x-roles'] || !/Roles: /.test(operation.description ?? ''),
    );
    expect(unstated.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    const register = doc.paths['/api/v1/donors'].post;
    expect(register['x-roles']).toContain('admin');
    expect(register['x-roles']).not.toContain('quality-auditor');
    expect(register.description).toContain(`Roles: ${register['x-roles']?.join(', ')}.`);
    const allowed = register['x-roles']?.find((role) => role !== 'admin') as string;
    const asAllowed = await t.as(allowed).post('/api/v1/donors').send({});
    expect(asAllowed.status).toBe(400);
    /* The guard itself agrees with x-roles on every operation: a role outside it is refused. */
    const disagreements: string[] = [];
    for (const { method, path, operation } of operations) {
      if (operation['x-public']) continue;
      const url = path.replace(/\{[^}]+\}/g, 'unknown-id');
      for (const role of ROLES) {
        const listed = operation['x-roles']?.includes(role) ?? false;
        if (listed && role === 'admin') continue;
        const call = t.as(role)[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
        const answer = await (WRITES.includes(method) ? call.send({ unknownField: true }) : call);
        const code = answer.body.code ?? (answer.body as FhirOutcome).issue?.[0]?.details?.coding?.[0]?.code;
        const refused = answer.status === 403 && code === 'AUTH.ROLE_NOT_ALLOWED';
        if (refused === listed) disagreements.push(`${method} ${path} as ${role}: ${answer.status}`);
      }
    }
    expect(disagreements).toEqual([]);
    const fhirRefused = await t.as('donor-clinic').get('/fhir/Patient?_id=x');
    expect(fhirRefused.status).toBe(403);
    expect(fhirRefused.body.resourceType).toBe('OperationOutcome');
    expect(doc.paths['/fhir/Patient'].get['x-roles']).not.toContain('donor-clinic');
    expect(doc.paths['/health'].get['x-public']).toBe(true);
    expect(doc.paths['/health'].get.responses['401']).toBeUndefined();
    /* Every operation times every role, one request after another: bounded work, not a clock. */
  }, 120_000);
});
