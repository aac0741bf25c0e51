import type { R5 } from '@smile-cdr/fhirts';
import { concept } from './fhir.systems';

type AnyResource = R5.Resource & { resourceType: string };

/** A searchset Bundle of matches, with absolute fullUrls and a self link. */
export const searchset = (
  baseUrl: string,
  selfUrl: string,
  resources: AnyResource[],
  total?: number,
): R5.Bundle => ({
  resourceType: 'Bundle',
  type: 'searchset',
  ...(total !== undefined ? { total } : {}),
  link: [{ relation: 'self', url: selfUrl }],
  entry: resources.map((resource) => ({
    fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode: 'match' },
  })),
});

/** FHIR errors: an OperationOutcome with one issue, keeping Hemotrace's stable code in details. */
export const operationOutcome = (
  code: R5.OperationOutcomeIssue['code'],
  stableCode: string,
  message: string,
): R5.OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'error',
      code,
      details: concept([{ system: 'urn:hemotrace:fhir:error', code: stableCode }], message),
      diagnostics: message,
    },
  ],
});
