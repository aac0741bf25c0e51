import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { LabDonationStatus } from '../../read-models/collections';
import { LAB_DONATION_STATUSES } from '../../read-models/collections';

export class WorklistRequest {
  @ApiPropertyOptional({ enum: LAB_DONATION_STATUSES, description: 'Default: every donation still open' })
  @IsOptional()
  @IsIn(LAB_DONATION_STATUSES)
  status?: LabDonationStatus;

  @ApiPropertyOptional({ default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
