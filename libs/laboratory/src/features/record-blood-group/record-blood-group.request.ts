import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsIn, IsOptional, Matches } from 'class-validator';
import type { Abo, RhD } from '@hemotrace/kernel';
import { ABO_GROUPS, RHD_TYPES } from '@hemotrace/kernel';
import type { GroupingMethod } from '../../domain/donation-testing/donation-testing.events';

export const GROUPING_METHODS: GroupingMethod[] = ['TUBE', 'MICROPLATE', 'GEL_CARD', 'AUTOMATED'];
export const REAGENT_LOT = /^[A-Za-z0-9._/-]{1,60}$/;

export class RecordBloodGroupRequest {
  @ApiProperty({ enum: ABO_GROUPS, description: 'ABO from red-cell antigens (anti-A, anti-B reagents)' })
  @IsIn(ABO_GROUPS)
  forward!: Abo;

  @ApiProperty({ enum: ABO_GROUPS, description: 'ABO from plasma antibodies (A1 and B reagent cells)' })
  @IsIn(ABO_GROUPS)
  reverse!: Abo;

  @ApiProperty({ enum: RHD_TYPES })
  @IsIn(RHD_TYPES)
  rhd!: RhD;

  @ApiProperty({ enum: GROUPING_METHODS })
  @IsIn(GROUPING_METHODS)
  method!: GroupingMethod;

  @ApiProperty({ example: 'ABO-2026-031' })
  @Matches(REAGENT_LOT, { message: 'reagentLot must be a lot number' })
  reagentLot!: string;

  @ApiPropertyOptional({ description: 'When it was determined (ISO 8601); defaults to the request time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  determinedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
