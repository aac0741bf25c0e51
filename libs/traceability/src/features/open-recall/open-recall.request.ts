import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { RecallAttribute } from '../../domain/investigation/investigation.events';

const ATTRIBUTES: RecallAttribute[] = ['REAGENT_LOT', 'BAG_LOT', 'EQUIPMENT', 'SITE_PERIOD'];

export class OpenRecallRequest {
  @ApiProperty({ enum: ATTRIBUTES })
  @IsIn(ATTRIBUTES)
  attribute!: RecallAttribute;

  @ApiPropertyOptional({
    description: 'The lot or equipment id (not for SITE_PERIOD)',
    example: 'LOT-2026-0042',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:\-/ ]{1,100}$/)
  value?: string;

  @ApiPropertyOptional({ description: 'SITE_PERIOD: the site', example: 'BC-1' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,50}$/)
  siteId?: string;

  @ApiPropertyOptional({ description: 'Start of the period (ISO); required for SITE_PERIOD' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'End of the period (ISO); required for SITE_PERIOD' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiProperty({
    description: 'The recorded decision every quarantine refers to',
    example: 'Manufacturer recall notice 2026-17',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}
