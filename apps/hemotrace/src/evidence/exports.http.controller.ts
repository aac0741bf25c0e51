import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, READERS } from '@hemotrace/auth';
import type { Actor, Clock } from '@hemotrace/kernel';
import { CLOCK } from '@hemotrace/kernel';
import { isPersonalDataCategory, streamCategory } from '@hemotrace/messaging';
import { InvestigationQueries, nodeId, TraceQueries } from '@hemotrace/traceability';
import { LogEvidence } from './log-evidence.service';

export const INVESTIGATION_EXPORT_FORMAT = 'hemotrace.investigation-export';

/**
 * Provable exports of investigations (lookback, recall, traceback): the investigation's own stream
 * and every stream its reach touches downstream, with the same proofs as a trace export.
 */
@ApiTags('traceability')
@ApiBearerAuth()
@Controller('exports')
export class ExportsHttpController {
  constructor(
    private readonly evidence: LogEvidence,
    private readonly investigations: InvestigationQueries,
    private readonly traces: TraceQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('investigations/:investigationId')
  @Allow(...READERS, 'laboratory', 'distribution')
  @Header('Content-Disposition', 'attachment; filename="investigation-export.json"')
  @ApiOperation({
    summary:
      'A lookback or recall with every event it reaches, each with its inclusion proof, a signed checkpoint and manifest (hemotrace verify-export)',
  })
  async investigation(@CurrentActor() actor: Actor, @Param('investigationId') investigationId: string) {
    const view = await this.investigations.get(investigationId, actor);
    const start = [
      ...view.donations.map((din) => nodeId('donation', din)),
      ...view.units.map((unitId) => nodeId('unit', unitId)),
    ];
    const lineage = start.length ? await this.traces.lineage.walk(start, 'down') : { nodes: [], edges: [] };
    const streamIds = [
      `Investigation-${view.id}`,
      ...lineage.nodes.flatMap((n) => n.streams).filter((s) => !isPersonalDataCategory(streamCategory(s))),
    ];
    const proven = await this.evidence.prover.prove(
      {
        exportedAt: this.clock.now().toISOString(),
        subject: { kind: view.kind, id: view.id },
        asOf: null,
        lineage: { nodes: lineage.nodes, edges: lineage.edges },
        scope: view,
      },
      streamIds,
    );
    return { format: INVESTIGATION_EXPORT_FORMAT, formatVersion: 1, ...proven };
  }
}
