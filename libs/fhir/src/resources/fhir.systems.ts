import type { R5 } from '@smile-cdr/fhirts';

/**
 * Code and identifier systems. FHIR R5 documents ISBT 128 as the code system
 * `http://terminology.hl7.org/CodeSystem/ib` (HL7 terminology NamingSystem "ib", OID 2.16.840.1.113883.6.18);
 * it names no identifier namespace for the DIN, so identifiers use the `sid` form below.
 */
export const SYSTEMS = {
  isbt128Identifier: 'http://hl7.org/fhir/sid/isbt-128',
  isbt128Codes: 'http://terminology.hl7.org/CodeSystem/ib',
  productCategory: 'http://hl7.org/fhir/product-category',
  productStatus: 'http://hl7.org/fhir/biologicallyderived-product-status',
  propertyType: 'http://hl7.org/fhir/biologicallyderived-product-property-type-codes',
  ucum: 'http://unitsofmeasure.org',
  securityLabel: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  participantType: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  hemotraceProperty: 'urn:hemotrace:fhir:product-property',
  hemotraceEventType: 'urn:hemotrace:fhir:event-type',
  hemotraceEvent: 'urn:hemotrace:fhir:event',
  hemotraceUser: 'urn:hemotrace:fhir:user',
  hemotraceSite: 'urn:hemotrace:fhir:site',
  hemotracePatient: 'urn:hemotrace:fhir:patient',
  hemotraceRequest: 'urn:hemotrace:fhir:transfusion-request',
  hemotraceWardIssue: 'urn:hemotrace:fhir:ward-issue',
  hemotraceWard: 'urn:hemotrace:fhir:ward',
} as const;

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
export const FHIR_VERSION = '5.0.0';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** A generated narrative (dom-6): one XHTML paragraph of plain text. */
export const narrative = (text: string) => ({
  status: 'generated' as const,
  div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${text.replace(/[&<>"]/g, (c) => ESCAPES[c])}</p></div>`,
});

export const siteReference = (siteId: string) => ({
  identifier: { system: SYSTEMS.hemotraceSite, value: siteId },
  display: siteId,
});

/**
 * @smile-cdr/fhirts 8.12 (R5) drops the `text` element of CodeableConcept and Annotation, which the
 * R5 specification has (Annotation.text is required); these two helpers put it back in one place.
 */
export const concept = (coding: R5.Coding[], text?: string): R5.CodeableConcept =>
  (text === undefined ? { coding } : { coding, text }) as R5.CodeableConcept;

export const conceptText = (text: string): R5.CodeableConcept => ({ text }) as R5.CodeableConcept;

export const annotation = (text: string): R5.Annotation => ({ text }) as R5.Annotation;
