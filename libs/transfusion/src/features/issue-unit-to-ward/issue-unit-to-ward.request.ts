import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { BusinessTimeField, LateEntryReasonField } from '@hemotrace/platform';
import { UnitLabelRequest } from '../shared/unit-label.request';

export class IssueUnitToWardRequest extends UnitLabelRequest {
  @ApiProperty({ example: 'ICU-3' })
  @IsString()
  @Matches(/^[A-Za-z0-9 ._-]{1,40}$/)
  ward!: string;

  @BusinessTimeField('the unit left the blood bank for the ward')
  issuedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
