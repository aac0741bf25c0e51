import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { LabType, SampleCondition } from '../../domain/donation-testing/donation-testing.events';

export const LAB_TYPES: LabType[] = ['COLLECTING_SITE_LAB', 'CENTRAL_LAB'];
export const SAMPLE_CONDITIONS: SampleCondition[] = [
  'ACCEPTABLE',
  'HAEMOLYSED',
  'LIPAEMIC',
  'INSUFFICIENT_VOLUME',
  'DAMAGED',
];

export class ReceiveSampleRequest {
  @ApiProperty({ example: 'BC-1', description: 'The laboratory site receiving the sample' })
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'labSiteId must be a site id' })
  labSiteId!: string;

  @ApiProperty({ enum: LAB_TYPES })
  @IsIn(LAB_TYPES)
  labType!: LabType;

  @ApiProperty({ example: 95, description: 'Transport time from collection to the laboratory, in minutes' })
  @IsInt()
  @Min(0)
  @Max(10080)
  transportMinutes!: number;

  @ApiProperty({ enum: SAMPLE_CONDITIONS })
  @IsIn(SAMPLE_CONDITIONS)
  condition!: SampleCondition;

  @ApiPropertyOptional({ description: 'When it arrived (ISO 8601); defaults to the request time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
