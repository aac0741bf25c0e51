import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, ValidateIf } from 'class-validator';
import { BusinessTimeField, LateEntryReasonField } from '@hemotrace/platform';
import type { CrossmatchMethod } from '../../contracts/transfusion.contracts';
import { UnitLabelRequest } from '../shared/unit-label.request';

export class CrossmatchUnitRequest extends UnitLabelRequest {
  @ApiProperty({ enum: ['SEROLOGICAL', 'ELECTRONIC'] })
  @IsIn(['SEROLOGICAL', 'ELECTRONIC'])
  method!: CrossmatchMethod;

  @ApiPropertyOptional({
    enum: ['COMPATIBLE', 'INCOMPATIBLE'],
    description: 'Serological: required, what the bench read. Electronic: must be absent, the rules decide.',
  })
  @ValidateIf((o: CrossmatchUnitRequest) => o.method === 'SEROLOGICAL' || o.result !== undefined)
  @IsIn(['COMPATIBLE', 'INCOMPATIBLE'])
  result?: 'COMPATIBLE' | 'INCOMPATIBLE';

  @BusinessTimeField('the crossmatch was performed')
  performedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
