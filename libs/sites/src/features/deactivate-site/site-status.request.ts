import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { EffectiveTimeRequest } from '../business-time.request';

export class SiteStatusRequest extends EffectiveTimeRequest {
  @ApiProperty({ example: 'Hospital closed for renovation' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
