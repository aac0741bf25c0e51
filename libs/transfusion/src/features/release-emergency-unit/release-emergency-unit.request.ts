import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { UnitLabelRequest } from '../shared/unit-label.request';

export class ReleaseEmergencyUnitRequest extends UnitLabelRequest {
  @ApiProperty({ example: 'Massive haemorrhage, no time for a crossmatch (Dr Li)' })
  @IsString()
  @Length(5, 500)
  reason!: string;
}
