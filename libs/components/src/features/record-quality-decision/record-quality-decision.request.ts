import { BusinessTimeField, LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export class RecordQualityDecisionRequest {
  @ApiProperty({ description: 'The quarantine hold decided on (the excursion id for an excursion)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  holdId!: string;

  @ApiProperty({ enum: ['RELEASE', 'DISCARD'] })
  @IsIn(['RELEASE', 'DISCARD'])
  decision!: 'RELEASE' | 'DISCARD';

  @ApiProperty({ example: 'Logger shows 7.1 C for 20 min; within the validated tolerance' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;

  @BusinessTimeField('the quality decision was taken')
  decidedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
