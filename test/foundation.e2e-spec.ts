import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

describe('the all-in-one server', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers health without a token', async () => {
    const res = await t.anonymous().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', store: t.config.store });
  });

  it('publishes the OpenAPI document', async () => {
    const res = await t.anonymous().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/integrity');
  });

  it('refuses a request without a valid token with a stable code', async () => {
    const res = await t.anonymous().get('/api/v1/integrity').expect(401);
    expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
    await t
      .anonymous()
      .get('/api/v1/integrity')
      .set('Authorization', 'Bearer wrong-token-000000000')
      .expect(401);
  });

  it('denies a role that was not granted the route', async () => {
    const res = await t.as('phlebotomist').get('/api/v1/integrity').expect(403);
    expect(res.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
  });

  it('lets an auditor verify the whole store', async () => {
    const res = await t.as('quality-auditor').get('/api/v1/integrity').expect(200);
    expect(res.body).toMatchObject({ ok: true, findings: [] });
  });

  it('says 404 for an unknown stream and 400 for a malformed stream id', async () => {
    expect(
      (await t.as('quality-auditor').get('/api/v1/streams/Donation-A999921123456/events').expect(404)).body
        .code,
    ).toBe('AUDIT.STREAM_NOT_FOUND');
    expect((await t.as('quality-auditor').get('/api/v1/streams/nodash/events').expect(400)).body.code).toBe(
      'AUDIT.INVALID_STREAM_ID',
    );
  });

  it('keeps identity streams (personal data) from auditors', async () => {
    const res = await t
      .as('quality-auditor')
      .get('/api/v1/streams/DonorIdentity-01a1fe0c/events')
      .expect(403);
    expect(res.body.code).toBe('AUDIT.PERSONAL_DATA_STREAM');
    await t.as('admin').get('/api/v1/streams/DonorIdentity-01a1fe0c/events').expect(404);
    await t.as('quality-auditor').get('/api/v1/streams/DonorDocument-9f86d081884c7d65/events').expect(403);
  });

  it('echoes the caller correlation id', async () => {
    const res = await t.anonymous().get('/health').set('x-correlation-id', 'audit-42').expect(200);
    expect(res.headers['x-correlation-id']).toBe('audit-42');
  });

  it('refuses malformed JSON and oversized bodies with stable codes', async () => {
    const bad = await t
      .as('admin')
      .post('/api/v1/integrity')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('HTTP.MALFORMED_JSON');
    const big = await t
      .as('admin')
      .post('/api/v1/integrity')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(400_000) }));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('HTTP.PAYLOAD_TOO_LARGE');
  });
});
