import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { ScannedDin } from '@hemotrace/platform';

export class OpenLookbackRequest {
  @ApiProperty({ example: '0190c6a2-...' })
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,150}$/)
  donorId!: string;

  @ApiProperty({ enum: ['HIV', 'HBV', 'HCV', 'SYPHILIS', 'ALT'] })
  @IsIn(['HIV', 'HBV', 'HCV', 'SYPHILIS', 'ALT'])
  marker!: string;

  @ApiPropertyOptional({
    description: 'The positive donation; the latest one otherwise',
    example: 'A999926000123',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{13}$/)
  @ScannedDin()
  din?: string;

  @ApiPropertyOptional({
    description: 'When the lookback was started, if recorded afterwards; deadlines count from it',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  openedAt?: string;
}
