import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import { FINDING_RULES } from '../../domain/conformance/conformance.rules';
import { FindingQueries, parsePeriod } from '../../read-models/findings/findings.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/findings')
export class AuditFindingsHttpController {
  constructor(private readonly findings: FindingQueries) {}

  @Get()
  @Allow(...READERS)
  @ApiOperation({ summary: 'Conformance findings for a period and site, each with the events that prove it' })
  @ApiQuery({ name: 'from', required: true, description: 'ISO instant, inclusive' })
  @ApiQuery({ name: 'to', required: true, description: 'ISO instant, exclusive' })
  @ApiQuery({ name: 'siteId', required: false })
  @ApiQuery({ name: 'rule', required: false, enum: Object.keys(FINDING_RULES) })
  report(
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('siteId') siteId?: string,
    @Query('rule') rule?: string,
  ) {
    return this.findings.report(parsePeriod(from, to), siteId, rule);
  }
}
