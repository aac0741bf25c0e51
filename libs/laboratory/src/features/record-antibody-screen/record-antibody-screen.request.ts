import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsIn, IsOptional, Matches } from 'class-validator';
import type { GroupingMethod } from '../../domain/donation-testing/donation-testing.events';
import { GROUPING_METHODS, REAGENT_LOT } from '../record-blood-group/record-blood-group.request';

export class RecordAntibodyScreenRequest {
  @ApiProperty({ enum: ['NEGATIVE', 'POSITIVE'] })
  @IsIn(['NEGATIVE', 'POSITIVE'])
  result!: 'NEGATIVE' | 'POSITIVE';

  @ApiPropertyOptional({ example: ['anti-E'], description: 'Antibodies identified on a positive screen' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^anti[-\s]?[A-Za-z0-9()]{1,10}$/, { each: true, message: 'each antibody reads like anti-E' })
  identifiedAntibodies?: string[];

  @ApiProperty({ enum: GROUPING_METHODS })
  @IsIn(GROUPING_METHODS)
  method!: GroupingMethod;

  @ApiProperty({ example: 'SCR-2026-007' })
  @Matches(REAGENT_LOT, { message: 'reagentLot must be a lot number' })
  reagentLot!: string;

  @ApiPropertyOptional({ description: 'ISO 8601; defaults to the request time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  testedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
