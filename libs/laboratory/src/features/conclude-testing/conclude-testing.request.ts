import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class ConcludeTestingRequest {
  @ApiPropertyOptional({
    description: 'When the conclusion was reached (ISO 8601 instant); default the time of entry',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  concludedAt?: string;

  @ApiPropertyOptional({
    description:
      'Why the conclusion is entered late: required when concludedAt is more than the profile threshold (24 h) ago',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  lateEntryReason?: string;
}
