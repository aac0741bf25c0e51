import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { EffectiveTimeRequest } from '../business-time.request';
import { SITE_ID } from '../register-site/register-site.request';

export class AddAllianceMemberRequest extends EffectiveTimeRequest {
  @ApiProperty({ example: 'BC-3' })
  @IsString()
  @Matches(SITE_ID, { message: 'siteId is 1-40 characters of A-Z a-z 0-9 . _ -' })
  siteId!: string;
}
