import { Module } from '@nestjs/common';
import { ProductDefinitions, UnitQueries } from '@hemotrace/components';
import { TransfusionQueries } from '@hemotrace/transfusion';
import { FhirHttpController } from './fhir.http.controller';
import { FhirReads } from './fhir-reads.service';

/** HL7 FHIR R5 at /fhir, read-only, over the shared read models and the unit streams. */
@Module({
  controllers: [FhirHttpController],
  providers: [UnitQueries, ProductDefinitions, TransfusionQueries, FhirReads],
})
export class FhirModule {}
