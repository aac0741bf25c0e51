import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

export class TransfersQueryRequest {
  @ApiPropertyOptional({ example: 'BC-1', description: 'Defaults to the caller site' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/)
  siteId?: string;

  @ApiProperty({ example: '2025-01-01T00:00:00.000Z' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2026-01-01T00:00:00.000Z' })
  @IsISO8601({ strict: true })
  to!: string;
}
