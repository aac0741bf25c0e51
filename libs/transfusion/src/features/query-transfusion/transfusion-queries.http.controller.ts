import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, READERS } from '@hemotrace/auth';
import type { Actor } from '@hemotrace/kernel';
import { TransfusionQueries } from '../../read-models/transfusion.queries';
import { TransfusionAccess } from '../shared/transfusion-access';

@ApiTags('transfusion')
@ApiBearerAuth()
@Controller('transfusion')
export class TransfusionQueriesHttpController {
  constructor(
    private readonly queries: TransfusionQueries,
    private readonly access: TransfusionAccess,
  ) {}

  @Get('patients/:patientId')
  @Allow('hospital', ...READERS)
  @ApiOperation({ summary: "A patient's transfusion record (no identity)" })
  patient(@Param('patientId') patientId: string, @CurrentActor() actor: Actor) {
    return this.queries.patientRecord(patientId, actor);
  }

  @Get('patients/:patientId/identity')
  @Allow('hospital')
  @ApiOperation({ summary: "A patient's identity (name, birth date, sex, MRN): hospital staff only" })
  identity(@Param('patientId') patientId: string, @CurrentActor() actor: Actor) {
    return this.queries.patientIdentity(patientId, actor);
  }

  @Get('requests/:requestId')
  @Allow('hospital', ...READERS)
  @ApiOperation({
    summary: 'A transfusion request: requirements, crossmatches, units and their state, reactions',
  })
  request(@Param('requestId') requestId: string, @CurrentActor() actor: Actor) {
    return this.access.request(requestId, actor);
  }

  @Get('stock')
  @Allow('hospital', ...READERS)
  @ApiQuery({ name: 'siteId', required: false, description: 'Auditors: which hospital' })
  @ApiQuery({
    name: 'status',
    required: false,
    description: 'AVAILABLE, ALLOCATED, ISSUED, TRANSFUSED, WASTED...',
  })
  @ApiOperation({ summary: "The hospital blood bank's units" })
  stock(@CurrentActor() actor: Actor, @Query('siteId') siteId?: string, @Query('status') status?: string) {
    return this.queries.stock(this.queries.siteFor(actor, siteId), status);
  }

  @Get('ward-issues')
  @Allow('hospital', ...READERS)
  @ApiQuery({ name: 'siteId', required: false })
  @ApiQuery({ name: 'ward', required: false })
  @ApiOperation({ summary: 'Units issued to wards and where each stands' })
  wardIssues(@CurrentActor() actor: Actor, @Query('siteId') siteId?: string, @Query('ward') ward?: string) {
    return this.queries.wardIssues(this.queries.siteFor(actor, siteId), ward);
  }

  @Get('haemovigilance')
  @Allow('hospital', ...READERS)
  @ApiQuery({ name: 'siteId', required: false, description: 'Auditors: one hospital, or all when absent' })
  @ApiOperation({
    summary: 'Haemovigilance register: reactions counted by category, severity and imputability',
  })
  haemovigilance(@CurrentActor() actor: Actor, @Query('siteId') siteId?: string) {
    return this.queries.haemovigilance(actor.role === 'hospital' ? actor.siteId : (siteId ?? null));
  }
}
