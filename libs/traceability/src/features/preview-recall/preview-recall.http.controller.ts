import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import { InvalidInput } from '@hemotrace/kernel';
import type { RecallCriteria } from '../../domain/investigation/investigation.events';
import { ImpactQueries } from '../../read-models/investigations/impact.query';

const ATTRIBUTES = ['REAGENT_LOT', 'BAG_LOT', 'EQUIPMENT'] as const;

/** What a recall would reach, before anyone decides it: every unit a reagent lot, bag lot or equipment touched. */
@ApiTags('investigations')
@ApiBearerAuth()
@Controller('recalls')
export class PreviewRecallHttpController {
  constructor(private readonly impact: ImpactQueries) {}

  @Get('preview')
  @Allow(...READERS, 'laboratory', 'components', 'distribution')
  @ApiOperation({
    summary: 'Units and consignees a reagent lot, bag lot or equipment touched (nothing is recorded)',
  })
  @ApiQuery({ name: 'attribute', required: true, enum: ATTRIBUTES })
  @ApiQuery({ name: 'value', required: true })
  preview(@Query('attribute') attribute?: string, @Query('value') value?: string) {
    if (!ATTRIBUTES.includes(attribute as (typeof ATTRIBUTES)[number]))
      throw new InvalidInput('TRACE.INVALID_QUERY', `attribute must be one of ${ATTRIBUTES.join(', ')}`, {
        attribute,
      });
    if (!value || value.length > 100)
      throw new InvalidInput('TRACE.INVALID_QUERY', 'value is required (at most 100 characters)', { value });
    const criteria: RecallCriteria = {
      attribute: attribute as RecallCriteria['attribute'],
      value,
      siteId: null,
      from: null,
      to: null,
    };
    return this.impact.recall(criteria);
  }
}
