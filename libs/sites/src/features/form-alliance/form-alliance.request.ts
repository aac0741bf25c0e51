import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { EffectiveTimeRequest } from '../business-time.request';
import { SITE_ID } from '../register-site/register-site.request';

export class FormAllianceRequest extends EffectiveTimeRequest {
  @ApiProperty({ example: 'CITY-ALLIANCE-4' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,60}$/, { message: 'allianceId is 1-60 characters of A-Z a-z 0-9 . _ -' })
  allianceId!: string;

  @ApiProperty({ example: 'Four-city emergency supply alliance' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: ['BC-1', 'BC-2'], description: 'Registered, active blood centers' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(SITE_ID, { each: true, message: 'each member is a site id' })
  members!: string[];
}
