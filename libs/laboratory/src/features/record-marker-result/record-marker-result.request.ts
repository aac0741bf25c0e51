import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsISO8601,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { Marker } from '../../contracts/laboratory.contracts';
import type { Interpretation } from '../../domain/donation-testing/donation-testing.events';
import type { ScreeningMethod } from '../../domain/profiles';
import { SCREENING_METHODS } from '../../domain/profiles';
import { REAGENT_LOT } from '../record-blood-group/record-blood-group.request';

export const MARKERS: Marker[] = ['HIV', 'HBV', 'HCV', 'SYPHILIS', 'ALT'];
export const INTERPRETATIONS: Interpretation[] = ['NON_REACTIVE', 'REACTIVE', 'INDETERMINATE'];

export class ReagentRequest {
  @ApiProperty({ example: 'Wantai' })
  @IsString()
  @Matches(/\S/, { message: 'manufacturer must not be blank' })
  @MaxLength(100)
  manufacturer!: string;

  @ApiProperty({ example: 'HIV-E-2026-014' })
  @Matches(REAGENT_LOT, { message: 'lot must be a lot number' })
  lot!: string;
}

export class RecordMarkerResultRequest {
  @ApiProperty({ enum: MARKERS })
  @IsIn(MARKERS)
  marker!: Marker;

  @ApiProperty({ enum: SCREENING_METHODS })
  @IsIn(SCREENING_METHODS)
  method!: ScreeningMethod;

  @ApiProperty({ type: ReagentRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => ReagentRequest)
  reagent!: ReagentRequest;

  @ApiPropertyOptional({ example: 'FAME-24/20 #3' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  instrument?: string;

  @ApiPropertyOptional({ example: 0.21, description: 'S/CO for serology, U/L for ALT' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  value?: number;

  @ApiPropertyOptional({
    enum: INTERPRETATIONS,
    description: 'Required except for ALT, whose value is read against the limit',
  })
  @IsOptional()
  @IsIn(INTERPRETATIONS)
  interpretation?: Interpretation;

  @ApiPropertyOptional({ example: 'POOL-6-20260301-01', description: 'Required for NAT_POOLED' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,60}$/, { message: 'poolId must be a pool id' })
  poolId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; defaults to the request time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  testedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
