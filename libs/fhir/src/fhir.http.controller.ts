import { Controller, Get, Header, Inject, Param, Query, Req, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { R5 } from '@smile-cdr/fhirts';
import { Allow, CurrentActor, Public, READERS } from '@hemotrace/auth';
import type { Actor, Clock, Role } from '@hemotrace/kernel';
import { CLOCK, InvalidInput } from '@hemotrace/kernel';
import type { Page } from './fhir-reads.service';
import { FhirReads } from './fhir-reads.service';
import { FhirOutcomeFilter } from './fhir-outcome.filter';
import { searchset } from './resources/bundle';
import { capabilityStatement } from './resources/capability-statement';
import { FHIR_JSON } from './resources/fhir.systems';

/** Who reads FHIR: auditors, the blood center's component and distribution staff, and hospitals (their own). */
export const FHIR_READERS: Role[] = [...READERS, 'components', 'distribution', 'hospital'];

type Params = Record<string, string | string[] | undefined>;

const one = (params: Params, name: string): string | undefined => {
  const value = params[name];
  if (Array.isArray(value)) {
    throw new InvalidInput('FHIR.INVALID_SEARCH', `${name} may be given once`);
  }
  return value === undefined || value === '' ? undefined : value;
};

const pageOf = (params: Params): Page => {
  const count = Number(one(params, '_count') ?? 100);
  const offset = Number(one(params, '_offset') ?? 0);
  if (!Number.isInteger(count) || count < 1 || count > 1000 || !Number.isInteger(offset) || offset < 0) {
    throw new InvalidInput('FHIR.INVALID_SEARCH', '_count is 1-1000 and _offset a whole number >= 0');
  }
  return { count, offset };
};

const baseUrl = (request: Request): string => `${request.protocol}://${request.get('host')}/fhir`;
const selfUrl = (request: Request): string =>
  `${request.protocol}://${request.get('host')}${request.originalUrl}`;

/** HL7 FHIR R5, read-only: products, dispenses, pseudonymous patients and provenance (application/fhir+json). */
@ApiTags('fhir')
@ApiBearerAuth()
@Controller('fhir')
@UseFilters(FhirOutcomeFilter)
export class FhirHttpController {
  constructor(
    private readonly reads: FhirReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('metadata')
  @Public()
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ summary: 'FHIR CapabilityStatement of the read-only R5 endpoint' })
  metadata(@Req() request: Request): R5.CapabilityStatement {
    return capabilityStatement(baseUrl(request), process.env.npm_package_version ?? '0.1.0');
  }

  @Get('BiologicallyDerivedProduct')
  @Allow(...FHIR_READERS)
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ summary: 'Search blood units (identifier, biological-source-event, product-status, _id)' })
  async searchProducts(@Query() params: Params, @CurrentActor() actor: Actor, @Req() request: Request) {
    const products = await this.reads.searchProducts(
      {
        id: one(params, '_id'),
        identifier: one(params, 'identifier'),
        sourceEvent: one(params, 'biological-source-event'),
        status: one(params, 'product-status'),
      },
      actor,
      this.clock.now().toISOString(),
      pageOf(params),
    );
    return searchset(baseUrl(request), selfUrl(request), products);
  }

  @Get('BiologicallyDerivedProduct/:id')
  @Allow(...FHIR_READERS)
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ summary: 'Read one blood unit as a BiologicallyDerivedProduct' })
  readProduct(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.reads.readProduct(id, actor, this.clock.now().toISOString());
  }

  @Get('BiologicallyDerivedProductDispense')
  @Allow(...FHIR_READERS)
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ summary: 'Search issues of units to patients (patient, product)' })
  async searchDispenses(@Query() params: Params, @CurrentActor() actor: Actor, @Req() request: Request) {
    const dispenses = await this.reads.searchDispenses(
      { patient: one(params, 'patient'), product: one(params, 'product') },
      actor,
      pageOf(params),
    );
    return searchset(baseUrl(request), selfUrl(request), dispenses);
  }

  @Get('BiologicallyDerivedProductDispense/:id')
  @Allow(...FHIR_READERS)
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ summary: 'Read one issue of a unit to a patient' })
  readDispense(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.reads.readDispense(id, actor);
  }

  @Get('Patient')
  @Allow(...FHIR_READERS)
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ summary: 'Search pseudonymous patients by _id' })
  async searchPatients(@Query() params: Params, @CurrentActor() actor: Actor, @Req() request: Request) {
    const id = one(params, '_id');
    if (!id) throw new InvalidInput('FHIR.INVALID_SEARCH', 'Patient is searched by _id');
    const patients = await this.reads.readPatient(id, actor).then(
      (patient) => [patient],
      () => [],
    );
    return searchset(baseUrl(request), selfUrl(request), patients);
  }

  @Get('Patient/:id')
  @Allow(...FHIR_READERS)
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ summary: 'Read a pseudonymous patient (no name, birth date or record number)' })
  readPatient(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.reads.readPatient(id, actor);
  }

  @Get('Provenance')
  @Allow(...FHIR_READERS)
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ summary: 'Provenance of a unit: one per recorded event (actor, times, causation)' })
  async searchProvenance(@Query() params: Params, @CurrentActor() actor: Actor, @Req() request: Request) {
    const target = one(params, 'target');
    if (!target) throw new InvalidInput('FHIR.INVALID_SEARCH', 'Provenance is searched by target');
    return searchset(baseUrl(request), selfUrl(request), await this.reads.provenanceOf(target, actor));
  }
}
