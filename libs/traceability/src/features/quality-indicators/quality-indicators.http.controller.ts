import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import { parsePeriod } from '../../read-models/findings/findings.query';
import { QualityIndicatorQueries } from '../../read-models/quality/quality-indicators.query';

@ApiTags('quality')
@ApiBearerAuth()
@Controller('quality/indicators')
export class QualityIndicatorsHttpController {
  constructor(private readonly indicators: QualityIndicatorQueries) {}

  @Get()
  @Allow(...READERS)
  @ApiOperation({ summary: 'Quality indicators for a period and site, with growth on the previous period' })
  @ApiQuery({ name: 'from', required: true, description: 'ISO instant (day resolution), inclusive' })
  @ApiQuery({ name: 'to', required: true, description: 'ISO instant (day resolution), exclusive' })
  @ApiQuery({ name: 'siteId', required: false })
  get(@Query('from') from?: string, @Query('to') to?: string, @Query('siteId') siteId?: string) {
    return this.indicators.indicators(parsePeriod(from, to), siteId);
  }
}
