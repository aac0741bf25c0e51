import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Allow, READERS } from '@hemotrace/auth';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { DonationNotFound } from '../../domain/donation/donation.errors';
import type { DonationDoc } from '../../read-models/donations.projection';
import { DONATIONS } from '../../read-models/donations.projection';
import { dinFrom } from '../din';

export class DonationsByDonorRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  donorId!: string;
}

const READ_ROLES = ['phlebotomist', 'donor-clinic', 'laboratory', 'components', ...READERS] as const;

@ApiTags('collection')
@ApiBearerAuth()
@Controller('donations')
export class DonationQueriesHttpController {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  @Get()
  @Allow(...READ_ROLES)
  @ApiOperation({ summary: "A donor's donations, newest first" })
  async byDonor(@Query() query: DonationsByDonorRequest) {
    const items = await this.readModels.find<DonationDoc>(
      DONATIONS,
      { donorId: query.donorId },
      { orderBy: { field: 'startedAt', direction: 'desc' } },
    );
    return { donorId: query.donorId, items };
  }

  @Get(':din')
  @Allow(...READ_ROLES)
  @ApiOperation({ summary: 'A donation by DIN (the check character may be included)' })
  async byDin(@Param('din') input: string): Promise<DonationDoc> {
    const din = dinFrom(input);
    const doc = await this.readModels.get<DonationDoc>(DONATIONS, din);
    if (!doc) throw new DonationNotFound(din);
    return doc;
  }
}
