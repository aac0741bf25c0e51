import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { ContractRegistry } from '@hemotrace/messaging';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/** What the running application registers for publication is exactly what docs/asyncapi.yaml documents. */
describe('the AsyncAPI document against the contracts the application publishes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('documents every registered contract with a payload schema, and nothing that is not published', async () => {
    const registered = t.app.get(ContractRegistry).registeredTypes().sort();
    const text = readFileSync(join(__dirname, '../docs/asyncapi.yaml'), 'utf8');
    const { document } = await new Parser().parse(text);
    const documented = document!
      .components()
      .messages()
      .all()
      .filter((m) => m.id() !== 'DeadLetter');
    expect(documented.map((m) => m.id()).sort()).toEqual(registered);
    expect(documented.filter((m) => !m.hasPayload()).map((m) => m.id())).toEqual([]);
  });
});
