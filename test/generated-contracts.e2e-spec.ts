import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedApiContract, GeneratedEventSchemas } from './support/api-contract.generator';
import { generateContracts } from './support/api-contract.generator';
import {
  API_CONTRACT_FILE,
  ASYNCAPI_FILE,
  apiContractSource,
  asyncApiSource,
} from './support/api-contract.files';

const ROOT = join(__dirname, '..');

/**
 * The response schemas, the per-operation stable codes and the AsyncAPI payloads are generated from
 * the TypeScript sources (test/support/api-contract.generator.ts) and committed, so the server serves
 * them without a compiler. This fails when a controller, handler, error class or contract changed
 * without regenerating: `UPDATE_CONTRACTS=1 npx jest test/generated-contracts.e2e-spec.ts`.
 */
/* It reads sources, not a store: the journeys' second run on PostgreSQL has nothing to add. */
const describeOnce = process.env.HEMOTRACE_TEST_STORE === 'postgres' ? describe.skip : describe;

describeOnce('the contracts generated from the code', () => {
  let api: GeneratedApiContract;
  let events: GeneratedEventSchemas;
  beforeAll(() => {
    ({ api, events } = generateContracts(ROOT));
  }, 240_000);

  it('are the ones committed in the OpenAPI completion and in docs/asyncapi.yaml', () => {
    const apiText = apiContractSource(ROOT, api);
    const asyncText = asyncApiSource(ROOT, events);
    if (process.env.UPDATE_CONTRACTS === '1') {
      writeFileSync(join(ROOT, API_CONTRACT_FILE), apiText);
      writeFileSync(join(ROOT, ASYNCAPI_FILE), asyncText);
    }
    expect(readFileSync(join(ROOT, API_CONTRACT_FILE), 'utf8')).toBe(apiText);
    expect(readFileSync(join(ROOT, ASYNCAPI_FILE), 'utf8')).toBe(asyncText);
  });

  it('derives the codes of an operation from what its handler can raise, not one list for all', () => {
    const register = api.operations.RegisterDonorHttpController_register;
    expect(register.errors['409']).toContain('DONORS.DUPLICATE_DOCUMENT');
    expect(Object.values(register.errors).flat()).not.toContain('COMP.UNIT_NOT_FOUND');
    const conclude = api.operations.ConcludeTestingHttpController_conclude;
    expect(conclude?.errors['422']).toContain('LAB.TESTING_INCOMPLETE');
  });

  it('describes each contract payload from its TypeScript type', () => {
    const qualified = events.messages['laboratory.DonationQualified.v1'] as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(qualified.required).toEqual(
      expect.arrayContaining(['din', 'donorId', 'bloodGroup', 'qualifiedAt', 'recordedAtSite']),
    );
    expect(qualified.required).not.toContain('testedAt');
    expect(Object.keys(qualified.properties)).toContain('testedAt');
  });
});
