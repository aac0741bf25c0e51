import { Controller, Get, Header, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, READERS } from '@hemotrace/auth';
import type { Actor, Clock } from '@hemotrace/kernel';
import { CLOCK } from '@hemotrace/kernel';
import type { InvestigationView } from '../../read-models/investigations/investigations.projection';
import { InvestigationResultQueries } from '../../read-models/investigations/investigation-results.query';
import { InvestigationQueries } from '../../read-models/investigations/investigations.query';
import { TraceQueries } from '../../read-models/trace/trace.query';
import { TRACE_READERS } from '../trace/trace.http.controller';
import { investigationReport } from './investigation-report';
import { traceReport } from './trace-report';

const stamp = (iso: string): string => iso.replace(/[-:]/g, '').slice(0, 15);

const pdf = (bytes: Buffer, filename: string): StreamableFile =>
  new StreamableFile(bytes, {
    type: 'application/pdf',
    disposition: `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    length: bytes.length,
  });

/** A hospital's copy names only its own site: its consignee row, its units, its recipients. */
const ownSiteOnly = (view: InvestigationView, actor: Actor): InvestigationView => {
  if (actor.role !== 'hospital') return view;
  const consignees = view.consignees.filter((c) => c.siteId === actor.siteId);
  const units = new Set(consignees.flatMap((c) => c.unitIds));
  return {
    ...view,
    donations: [],
    donorId: null,
    units: view.units.filter((u) => units.has(u)),
    quarantineRequested: view.quarantineRequested.filter((u) => units.has(u)),
    consignees,
    consigneeSiteIds: [actor.siteId],
    recipientNotifications: view.recipientNotifications.filter((r) => r.siteId === actor.siteId),
  };
};

/** Evidence an auditor files: the trace and investigation reports as PDF, built on the server. */
@ApiTags('traceability')
@ApiBearerAuth()
@Controller()
export class EvidenceReportsHttpController {
  constructor(
    private readonly traces: TraceQueries,
    private readonly investigations: InvestigationQueries,
    private readonly results: InvestigationResultQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('trace/units/:unitId/report.pdf')
  @Allow(...TRACE_READERS)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: "A unit's vein-to-vein trace as a PDF report (ISO 9001 controlled record)" })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: only what was recorded up to then' })
  async unitReport(
    @Param('unitId') unitId: string,
    @CurrentActor() actor: Actor,
    @Query('asOf') asOf?: string,
  ): Promise<StreamableFile> {
    const trace = await this.traces.unit(unitId, asOf);
    const now = this.clock.now().toISOString();
    const documentId = `HT-TRACE-${trace.subject.id}-${stamp(now)}`;
    const bytes = await traceReport(trace, {
      documentId,
      subject: `Unit ${trace.subject.id}`,
      generatedAt: now,
      generatedBy: `${actor.userId} (${actor.role}, ${actor.siteId})`,
      asOf: trace.asOf,
    });
    return pdf(bytes, `${documentId}.pdf`);
  }

  @Get('investigations/:investigationId/report.pdf')
  @Allow(...READERS, 'laboratory', 'distribution', 'hospital')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'A lookback, traceback or recall as a PDF report (ISO 9001 controlled record)' })
  async investigationReport(
    @Param('investigationId') id: string,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const view = ownSiteOnly(await this.investigations.get(id, actor), actor);
    const results = await this.results.results(id, actor);
    const now = this.clock.now().toISOString();
    const documentId = `HT-${view.kind}-${view.id}-${stamp(now)}`;
    const bytes = await investigationReport(view, results, now, {
      documentId,
      subject: `${view.kind.toLowerCase()} ${view.id}`,
      generatedAt: now,
      generatedBy: `${actor.userId} (${actor.role}, ${actor.siteId})`,
      asOf: null,
    });
    return pdf(bytes, `${documentId}.pdf`);
  }
}
