import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { BOUNDED_CONTEXTS } from './contracts/integration-event';

/** docs/asyncapi.yaml is what integrators generate consumers from: it must parse, and every message carry a schema. */
describe('the AsyncAPI document (docs/asyncapi.yaml)', () => {
  it('parses with @asyncapi/parser without errors, and every published message has a payload schema', async () => {
    const text = readFileSync(join(__dirname, '../../../docs/asyncapi.yaml'), 'utf8');
    const { document, diagnostics } = await new Parser().parse(text);
    expect(
      diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`),
    ).toEqual([]);
    const messages = document!.components().messages().all();
    const contracts = messages.filter((m) => m.id() !== 'DeadLetter');
    expect(contracts.length).toBeGreaterThan(10);
    for (const message of contracts) {
      const [context] = message.id().split('.');
      expect({ id: message.id(), context: BOUNDED_CONTEXTS.includes(context as never) }).toEqual({
        id: message.id(),
        context: true,
      });
      expect({ id: message.id(), payload: message.hasPayload() }).toEqual({
        id: message.id(),
        payload: true,
      });
    }
  });
});
