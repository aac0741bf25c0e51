import { Controller, Get, Header, Inject, Optional, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import type { ExportProver, StreamEvidence } from '@hemotrace/event-sourcing';
import { EXPORT_PROVER, STREAM_EVIDENCE } from '@hemotrace/event-sourcing';
import type { Clock, Role } from '@hemotrace/kernel';
import { CLOCK } from '@hemotrace/kernel';
import type { Trace } from '../../read-models/trace/trace.model';
import { TraceQueries } from '../../read-models/trace/trace.query';
import { withDamage, withEvidence } from './trace-export.evidence';

/** Auditors read; the staff who run investigations (laboratory, distribution) read what they act on. */
export const TRACE_READERS: Role[] = [...READERS, 'laboratory', 'distribution'];

const AS_OF = {
  name: 'asOf',
  required: false,
  description: 'ISO instant: only what was recorded up to then',
};

@ApiTags('traceability')
@ApiBearerAuth()
@Controller('trace')
export class TraceHttpController {
  constructor(
    private readonly traces: TraceQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(EXPORT_PROVER) private readonly prover?: ExportProver,
    @Optional() @Inject(STREAM_EVIDENCE) private readonly evidence?: StreamEvidence,
  ) {}

  private async checked(trace: Promise<Trace>) {
    return this.evidence ? withDamage(await trace, this.evidence) : trace;
  }

  @Get('units/:unitId')
  @Allow(...TRACE_READERS)
  @ApiOperation({
    summary: 'Vein-to-vein trace of a unit: ancestry to every donor, descendants to every recipient',
  })
  @ApiQuery(AS_OF)
  unit(@Param('unitId') unitId: string, @Query('asOf') asOf?: string) {
    return this.checked(this.traces.unit(unitId, asOf));
  }

  @Get('units/:unitId/export')
  @Allow(...TRACE_READERS)
  @Header('Content-Disposition', 'attachment; filename="trace-export.json"')
  @ApiOperation({
    summary: 'The trace with every event and hash, for offline verification (hemotrace verify-export)',
  })
  @ApiQuery(AS_OF)
  async exportUnit(@Param('unitId') unitId: string, @Query('asOf') asOf?: string) {
    const exported = await this.traces.exportUnit(unitId, this.clock.now().toISOString(), asOf);
    return this.prover ? withEvidence(exported, this.prover) : exported;
  }

  @Get('donations/:din')
  @Allow(...TRACE_READERS)
  @ApiOperation({ summary: 'Trace of a donation (DIN): its donor, every component and where each went' })
  @ApiQuery(AS_OF)
  donation(@Param('din') din: string, @Query('asOf') asOf?: string) {
    return this.checked(this.traces.donation(din, asOf));
  }

  @Get('donors/:donorId')
  @Allow(...TRACE_READERS)
  @ApiOperation({ summary: 'Forward trace: every donation, component, consignee and recipient of a donor' })
  @ApiQuery(AS_OF)
  donor(@Param('donorId') donorId: string, @Query('asOf') asOf?: string) {
    return this.checked(this.traces.donor(donorId, asOf));
  }

  @Get('patients/:patientId')
  @Allow(...TRACE_READERS)
  @ApiOperation({ summary: 'Backward trace: every unit, donation and donor that reached a patient' })
  @ApiQuery(AS_OF)
  patient(@Param('patientId') patientId: string, @Query('asOf') asOf?: string) {
    return this.checked(this.traces.patient(patientId, asOf));
  }
}
