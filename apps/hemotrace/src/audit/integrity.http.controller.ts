import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import { LogEvidence } from '../evidence/log-evidence.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('integrity')
export class IntegrityHttpController {
  constructor(private readonly evidence: LogEvidence) {}

  @Get()
  @Allow(...READERS)
  @ApiOperation({
    summary:
      'Verify every hash chain, the log against its Merkle tree and the latest signed checkpoint, and say what is wrong where',
  })
  async verify() {
    const started = Date.now();
    const report = await this.evidence.verify();
    return { ...report, findings: report.findings.slice(0, 1000), tookMs: Date.now() - started };
  }
}
