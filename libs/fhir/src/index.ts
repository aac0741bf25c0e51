export { FhirModule } from './fhir.module';
export { FhirOverServicesModule } from './fhir-over-services.module';
export { FHIR_READERS } from './fhir.http.controller';
export { FHIR_JSON, SYSTEMS as FHIR_SYSTEMS } from './resources/fhir.systems';
