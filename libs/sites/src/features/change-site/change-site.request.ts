import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import type { SiteType } from '../../contracts/sites.contracts';
import { SITE_TYPES } from '../../contracts/sites.contracts';
import { EffectiveTimeRequest } from '../business-time.request';

export class ChangeSiteRequest extends EffectiveTimeRequest {
  @ApiProperty({ example: 'City People’s Hospital, East Campus' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: SITE_TYPES })
  @IsIn(SITE_TYPES)
  type!: SiteType;
}
