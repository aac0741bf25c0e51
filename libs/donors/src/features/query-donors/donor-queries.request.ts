import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Procedure } from '@hemotrace/kernel';
import { PROCEDURES } from '../screen-donor/screen-donor.request';

const PAGE_NUMBER = /^\d{1,4}$/;

export class DeferralSearchRequest {
  @ApiPropertyOptional({ example: 'HEMOGLOBIN_BELOW_MINIMUM' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,60}$/, { message: 'reason must be an upper-case reason code' })
  reason?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'In force on `on` (default now)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  donorId?: string;

  @ApiPropertyOptional({ description: 'ISO instant; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  on?: string;

  @ApiPropertyOptional({ example: '50' })
  @IsOptional()
  @Matches(PAGE_NUMBER, { message: 'limit must be a whole number' })
  limit?: string;

  @ApiPropertyOptional({ example: '0' })
  @IsOptional()
  @Matches(PAGE_NUMBER, { message: 'offset must be a whole number' })
  offset?: string;
}

export class RareDonorSearchRequest {
  @ApiPropertyOptional({ example: 'AB+' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  group?: string;

  @ApiPropertyOptional({
    example: 'A-',
    description:
      "The recipient's ABO/RhD: every donor whose red cells are compatible (O-, A- for an A- recipient)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  recipient?: string;

  @ApiPropertyOptional({ example: 'E,Fya', description: 'Antigens the donor must be typed negative for' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  negative?: string;

  @ApiPropertyOptional({ example: 'c', description: 'Antigens the donor must be typed positive for' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  positive?: string;

  @ApiPropertyOptional({ example: '50' })
  @IsOptional()
  @Matches(PAGE_NUMBER, { message: 'limit must be a whole number' })
  limit?: string;
}

export class EligibilityRequest {
  @ApiProperty({ enum: PROCEDURES })
  @IsIn(PROCEDURES)
  procedure!: Procedure;

  @ApiPropertyOptional({ description: 'ISO date or instant; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  on?: string;
}
