import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AbortDonationRequest {
  @ApiProperty({ example: 'Vein collapsed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  @ApiProperty({ example: 120, description: 'Volume collected before the abort, mL' })
  @IsInt()
  @Min(0)
  @Max(1000)
  partialVolumeMl!: number;

  @ApiPropertyOptional({
    description: 'When the collection stopped (ISO 8601 instant); default the time of entry',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  abortedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
