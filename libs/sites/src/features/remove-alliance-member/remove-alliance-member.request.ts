import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { EffectiveTimeRequest } from '../business-time.request';

export class RemoveAllianceMemberRequest extends EffectiveTimeRequest {
  @ApiProperty({ example: 'Left the regional agreement' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
