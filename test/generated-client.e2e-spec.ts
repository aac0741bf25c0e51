import createClient from 'openapi-fetch';
import type { paths } from './support/openapi';
import { healthyMeasurements, noDeferringAnswers } from './fixtures/donor-screening.fixtures';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/**
 * test/support/openapi.d.ts is what `openapi-typescript` makes of /api/docs-json; an integrator's
 * client (openapi-fetch) typed by it drives a donor through registration and screening against the
 * live server, so the document is proven true for these operations. It is committed (types are needed
 * at compile time) and not compared with the live document, so parallel API changes do not break it:
 * regenerate with `npx openapi-typescript http://127.0.0.1:3000/api/docs-json -o test/support/openapi.d.ts`.
 */
describe('a client generated from the OpenAPI document', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => t.close());

  it('registers and screens a donor, who is then eligible', async () => {
    const client = createClient<paths>({
      baseUrl,
      /* the test app's token for its donor-clinic user */
      headers: { Authorization: `Bearer ${'test-token-donor-clinic'.padEnd(24, '0')}` },
    });
    const donor = {
      name: 'Chen Jing',
      document: { type: 'PASSPORT' as const, number: 'E98765432' },
      birthDate: '1992-08-15',
      sex: 'M' as const,
      contact: {},
    };
    const registered = await client.POST('/api/v1/donors', { body: donor });
    expect(registered.response.status).toBe(201);
    /* the document's error responses type the problem details the server answers with */
    const again = await client.POST('/api/v1/donors', { body: donor });
    expect(again.response.status).toBe(409);
    expect(again.error?.code).toBe('DONORS.DUPLICATE_DOCUMENT');
    expect(again.error?.type).toBe('urn:hemotrace:problem:DONORS.DUPLICATE_DOCUMENT');
    /* the success schemas type the replies: no cast, and a missing field would not compile */
    const donorId: string = registered.data!.donorId;
    const screened = await client.POST('/api/v1/donors/{donorId}/screenings', {
      params: { path: { donorId } },
      body: { procedure: 'WHOLE_BLOOD', measurements: healthyMeasurements, answers: noDeferringAnswers },
    });
    expect(screened.response.status).toBe(201);
    const eligibility = await client.GET('/api/v1/donors/{donorId}/eligibility', {
      params: { path: { donorId }, query: { procedure: 'WHOLE_BLOOD' } },
    });
    expect(eligibility.response.status).toBe(200);
    expect(eligibility.data).toMatchObject({ donorId, eligible: true, reasons: [] });
    const eligible: boolean | undefined = eligibility.data?.eligible;
    expect(eligible).toBe(true);
  });
});
