import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { SiteType } from '../contracts/sites.contracts';
import { SITE_TYPES } from '../contracts/sites.contracts';

export class SitesQueryRequest {
  @ApiPropertyOptional({ enum: SITE_TYPES })
  @IsOptional()
  @IsIn(SITE_TYPES)
  type?: SiteType;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}
