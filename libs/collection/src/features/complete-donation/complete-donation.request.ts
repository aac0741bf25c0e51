import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CompleteDonationRequest {
  @ApiProperty({ example: 395, description: 'Weighed volume collected, mL' })
  @IsInt()
  @Min(1)
  @Max(1000)
  volumeMl!: number;

  @ApiPropertyOptional({ example: 1, description: 'Apheresis platelets: therapeutic doses obtained' })
  @IsOptional()
  @IsInt()
  plateletDoses?: number;

  @ApiPropertyOptional({ description: 'Venipuncture start (ISO 8601); default the donation start' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startedAt?: string;

  @ApiProperty({ description: 'Needle out (ISO 8601)' })
  @IsISO8601({ strict: true })
  endedAt!: string;

  @ApiPropertyOptional({
    description:
      'Why the fact is entered late: required when its business time is more than the profile threshold (24 h) ago',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  lateEntryReason?: string;
}
