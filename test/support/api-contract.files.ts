import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { GeneratedApiContract, GeneratedEventSchemas } from './api-contract.generator';

export const API_CONTRACT_FILE = 'libs/platform/src/http/openapi/api-contract.generated.json';
export const ASYNCAPI_FILE = 'docs/asyncapi.yaml';

/** Schemas of docs/asyncapi.yaml that describe the transport rather than a contract's data. */
const TRANSPORT_SCHEMAS = ['CloudEventHeaders'];

/* Prettier 3 loads its plugins with import(), which jest's CommonJS runtime refuses: run its CLI. */
const formatted = (root: string, file: string, text: string): string =>
  execFileSync(join(root, 'node_modules', '.bin', 'prettier'), ['--stdin-filepath', join(root, file)], {
    cwd: root,
    input: text,
    encoding: 'utf8',
  });

export const apiContractSource = (root: string, api: GeneratedApiContract): string =>
  formatted(root, API_CONTRACT_FILE, JSON.stringify(api));

const summaryOf = (type: string) =>
  type
    .split('.')[1]
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

/**
 * docs/asyncapi.yaml with every contract's payload schema replaced by the generated one; the
 * transport (channels, operations, CloudEvents headers, dead letters) and the messages' prose stay
 * as written. A registered contract without a message gets one, and its channel refers to it.
 */
export const asyncApiSource = (root: string, events: GeneratedEventSchemas): string => {
  const document = parseDocument(readFileSync(join(root, ASYNCAPI_FILE), 'utf8'));
  const schemas = document.getIn(['components', 'schemas']) as { items: Array<{ key: { value: string } }> };
  for (const name of schemas.items.map((pair) => pair.key.value)) {
    if (!TRANSPORT_SCHEMAS.includes(name)) document.deleteIn(['components', 'schemas', name]);
  }
  const generated = { ...events.definitions, ...events.messages };
  for (const name of Object.keys(generated).sort()) {
    document.setIn(['components', 'schemas', name], document.createNode(generated[name]));
  }
  for (const type of Object.keys(events.messages)) {
    const [context, fact] = type.split('.');
    if (!document.hasIn(['components', 'messages', type])) {
      document.setIn(
        ['components', 'messages', type],
        document.createNode({
          name: type,
          title: fact,
          summary: `${summaryOf(type)}.`,
          payload: { $ref: `#/components/schemas/${type}` },
          traits: [{ $ref: '#/components/messageTraits/CloudEvent' }],
        }),
      );
    }
    if (!document.hasIn(['channels', context, 'messages', fact])) {
      document.setIn(
        ['channels', context, 'messages', fact],
        document.createNode({ $ref: `#/components/messages/${type}` }),
      );
    }
  }
  return formatted(root, ASYNCAPI_FILE, document.toString({ lineWidth: 0 }));
};
