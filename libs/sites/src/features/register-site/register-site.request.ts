import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import type { SiteType } from '../../contracts/sites.contracts';
import { SITE_TYPES } from '../../contracts/sites.contracts';
import { EffectiveTimeRequest } from '../business-time.request';

export const SITE_ID = /^[A-Za-z0-9._-]{1,40}$/;

export class RegisterSiteRequest extends EffectiveTimeRequest {
  @ApiProperty({ example: 'HOSP-1' })
  @IsString()
  @Matches(SITE_ID, { message: 'siteId is 1-40 characters of A-Z a-z 0-9 . _ -' })
  siteId!: string;

  @ApiProperty({ example: 'City People’s Hospital' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: SITE_TYPES })
  @IsIn(SITE_TYPES)
  type!: SiteType;

  @ApiProperty({ example: true })
  @IsBoolean()
  active!: boolean;
}
