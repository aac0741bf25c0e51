import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsInt, IsOptional, Max, Min } from 'class-validator';

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

  @LateEntryReasonField()
  lateEntryReason?: string;
}
