import type { R5 } from '@smile-cdr/fhirts';
import { FHIR_VERSION, narrative } from './fhir.systems';

type SearchParam = R5.CapabilityStatementRestResourceSearchParam;

const token = (name: string, definition: string, documentation: string): SearchParam => ({
  name,
  definition,
  type: 'token',
  documentation,
});

const COUNT: SearchParam = {
  name: '_count',
  type: 'number',
  documentation: 'page size (default 100, at most 1000)',
};
const OFFSET: SearchParam = { name: '_offset', type: 'number', documentation: 'entries to skip' };

const SP = 'http://hl7.org/fhir/SearchParameter/';

/** What /fhir serves: read-only products, dispenses, pseudonymous patients and provenance. */
export const capabilityStatement = (baseUrl: string, softwareVersion: string): R5.CapabilityStatement => ({
  resourceType: 'CapabilityStatement',
  id: 'hemotrace',
  text: narrative('Hemotrace read-only FHIR R5 server: blood units, their issue to patients and provenance.'),
  name: 'HemotraceFhirServer',
  title: 'Hemotrace FHIR R5 (read-only)',
  status: 'active',
  date: '2026-12-01',
  publisher: 'Hemotrace',
  kind: 'instance',
  software: { name: 'Hemotrace', version: softwareVersion },
  implementation: { description: 'Hemotrace vein-to-vein blood traceability', url: baseUrl },
  fhirVersion: FHIR_VERSION,
  format: ['application/fhir+json', 'json'],
  rest: [
    {
      mode: 'server',
      security: {
        description:
          'Authorization: Bearer <token> as for /api/v1. Roles quality-auditor, components, distribution and hospital read; a hospital sees only its own units, dispenses and patients.',
      },
      resource: [
        {
          type: 'BiologicallyDerivedProduct',
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [
            token('_id', `${SP}Resource-id`, 'unit id (DIN-PRODUCTCODE)'),
            token(
              'identifier',
              `${SP}BiologicallyDerivedProduct-identifier`,
              'ISBT 128 DIN + product code, or the DIN alone (system http://hl7.org/fhir/sid/isbt-128)',
            ),
            token(
              'biological-source-event',
              `${SP}BiologicallyDerivedProduct-biological-source-event`,
              'ISBT 128 DIN',
            ),
            token(
              'product-status',
              `${SP}BiologicallyDerivedProduct-product-status`,
              'available | unavailable',
            ),
            COUNT,
            OFFSET,
          ],
        },
        {
          type: 'BiologicallyDerivedProductDispense',
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [
            {
              name: 'patient',
              definition: `${SP}BiologicallyDerivedProductDispense-patient`,
              type: 'reference',
              documentation: 'Patient/<id> or <id>',
            },
            {
              name: 'product',
              definition: `${SP}BiologicallyDerivedProductDispense-product`,
              type: 'reference',
              documentation: 'BiologicallyDerivedProduct/<unitId> or <unitId>',
            },
            COUNT,
            OFFSET,
          ],
        },
        {
          type: 'Patient',
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [token('_id', `${SP}Resource-id`, 'Hemotrace patient id (pseudonymous)')],
        },
        {
          type: 'Provenance',
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [
            {
              name: 'target',
              definition: `${SP}Provenance-target`,
              type: 'reference',
              documentation:
                'required: BiologicallyDerivedProduct/<unitId>; one Provenance per recorded event',
            },
          ],
        },
      ],
    },
  ],
});
