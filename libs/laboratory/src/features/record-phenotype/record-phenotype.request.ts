import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { GroupingMethod } from '../../domain/donation-testing/donation-testing.events';
import { GROUPING_METHODS, REAGENT_LOT } from '../record-blood-group/record-blood-group.request';

export class RecordPhenotypeRequest {
  @ApiProperty({
    example: 'E-,Fya-,c+',
    description:
      'Typed antigens; Fy(a-) notation is also read, and so is a scanned ISBT 128 red cell antigens barcode (012, =\\ + 18 digits)',
  })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  phenotype!: string;

  @ApiProperty({ enum: GROUPING_METHODS })
  @IsIn(GROUPING_METHODS)
  method!: GroupingMethod;

  @ApiProperty({ example: 'PHE-2026-002' })
  @Matches(REAGENT_LOT, { message: 'reagentLot must be a lot number' })
  reagentLot!: string;

  @ApiPropertyOptional({ description: 'ISO 8601; defaults to the request time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  testedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
