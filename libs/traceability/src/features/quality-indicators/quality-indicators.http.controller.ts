import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import { QualityIndicatorQueries } from '../../read-models/quality/quality-indicators.query';
import { parseReportPeriod } from '../../read-models/quality/report-period';

@ApiTags('quality')
@ApiBearerAuth()
@Controller('quality/indicators')
export class QualityIndicatorsHttpController {
  constructor(private readonly indicators: QualityIndicatorQueries) {}

  @Get()
  @Allow(...READERS)
  @ApiOperation({
    summary:
      'Quality indicators for a period and site on business time, with growth on the previous period; transfers out at dispatch, in at receipt, in transit',
  })
  @ApiQuery({
    name: 'from',
    required: true,
    description: 'ISO 8601 instant with offset, inclusive; a date alone is the start of that UTC day',
    example: '2026-03-01T00:00:00+08:00',
  })
  @ApiQuery({
    name: 'to',
    required: true,
    description: 'ISO 8601 instant with offset, exclusive; a date alone is the end of that UTC day',
    example: '2026-04-01T00:00:00+08:00',
  })
  @ApiQuery({ name: 'siteId', required: false })
  get(@Query('from') from?: string, @Query('to') to?: string, @Query('siteId') siteId?: string) {
    return this.indicators.indicators(parseReportPeriod(from, to), siteId);
  }
}
