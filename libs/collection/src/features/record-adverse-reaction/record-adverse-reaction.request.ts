import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ReactionSeverity, ReactionType } from '../../domain/donation/donation.events';

const TYPES: ReactionType[] = [
  'VASOVAGAL',
  'HEMATOMA',
  'CITRATE',
  'NERVE_INJURY',
  'ARTERIAL_PUNCTURE',
  'OTHER',
];
const SEVERITIES: ReactionSeverity[] = ['MILD', 'MODERATE', 'SEVERE'];

export class RecordAdverseReactionRequest {
  @ApiProperty({ enum: TYPES })
  @IsIn(TYPES)
  type!: ReactionType;

  @ApiProperty({ enum: SEVERITIES })
  @IsIn(SEVERITIES)
  severity!: ReactionSeverity;

  @ApiPropertyOptional({ description: 'When it happened (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
