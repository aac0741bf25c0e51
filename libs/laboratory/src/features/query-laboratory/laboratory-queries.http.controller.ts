import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, READERS } from '@hemotrace/auth';
import { InvalidInput } from '@hemotrace/kernel';
import { DonationNotFound } from '../../domain/donation-testing/donation-testing.errors';
import type { ReagentUseDoc } from '../../read-models/collections';
import type { TestingStatusView, WorklistItem } from '../../read-models/laboratory.queries';
import { LaboratoryQueries } from '../../read-models/laboratory.queries';
import { dinFromPath } from '../donation-testing.runner';
import { REAGENT_LOT } from '../record-blood-group/record-blood-group.request';
import { WorklistRequest } from './worklist.request';

@ApiTags('laboratory')
@ApiBearerAuth()
@Controller('laboratory')
export class LaboratoryQueriesHttpController {
  constructor(private readonly queries: LaboratoryQueries) {}

  @Get('worklist')
  @Allow('laboratory', ...READERS)
  @ApiOperation({ summary: 'Donations waiting for a sample or for tests, with the tests each still needs' })
  async worklist(@Query() query: WorklistRequest): Promise<{ items: WorklistItem[] }> {
    return { items: await this.queries.worklist(query.status, query.limit) };
  }

  @Get('donations/:din')
  @Allow('laboratory', ...READERS)
  @ApiOperation({
    summary: 'Testing status of a donation: sample, group, markers with reagent lots, what is missing',
  })
  async status(@Param('din') raw: string): Promise<TestingStatusView> {
    const din = dinFromPath(raw);
    const view = await this.queries.testingStatus(din);
    if (!view) throw new DonationNotFound(din);
    return view;
  }

  @Get('reagent-lots/:lot/donations')
  @Allow('laboratory', ...READERS)
  @ApiOperation({ summary: 'Every donation a reagent lot was used on (recall by reagent lot)' })
  async byReagentLot(
    @Param('lot') lot: string,
  ): Promise<{ lot: string; dins: string[]; uses: ReagentUseDoc[] }> {
    if (!REAGENT_LOT.test(lot))
      throw new InvalidInput('LAB.INVALID_REAGENT_LOT', 'Not a reagent lot number', { lot });
    return this.queries.donationsTestedWithLot(lot);
  }
}
