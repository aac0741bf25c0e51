import { BusinessTimeField, LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { DiscardReason } from '../../contracts/components.contracts';

export const HAND_DISCARD_REASONS: DiscardReason[] = [
  'DAMAGED',
  'RECALLED',
  'TEMPERATURE_EXCURSION',
  'OTHER',
];

export class DiscardUnitRequest {
  @ApiProperty({ enum: HAND_DISCARD_REASONS })
  @IsIn(HAND_DISCARD_REASONS)
  reason!: DiscardReason;

  @ApiPropertyOptional({ example: 'Bag leaking at the port' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  note?: string;

  @BusinessTimeField('the unit was discarded')
  discardedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
