import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ABO_GROUPS, RHD_TYPES } from '@hemotrace/kernel';

export class InventoryQueryRequest {
  @ApiPropertyOptional({ example: 'BC-1' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/)
  siteId?: string;

  @ApiPropertyOptional({ example: 'SUSPENDED_RED_CELLS' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z_]{3,40}$/)
  productType?: string;

  @ApiPropertyOptional({ enum: ABO_GROUPS })
  @IsOptional()
  @IsIn(ABO_GROUPS)
  abo?: string;

  @ApiPropertyOptional({ enum: RHD_TYPES })
  @IsOptional()
  @IsIn(RHD_TYPES)
  rhd?: string;

  @ApiPropertyOptional({ enum: ['Quarantined', 'Released', 'Discarded', 'Expired', 'Consumed'] })
  @IsOptional()
  @IsIn(['Quarantined', 'Released', 'Discarded', 'Expired', 'Consumed'])
  status?: string;

  @ApiPropertyOptional({ example: 3, description: 'Only units expiring within this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  expiringWithinDays?: number;

  @ApiPropertyOptional({ example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class FrozenRareQueryRequest {
  @ApiPropertyOptional({
    example: 'AB+',
    description: "The recipient's ABO/RhD: units of every red-cell compatible group",
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  recipient?: string;

  @ApiPropertyOptional({ example: 'E,Fya', description: 'Antigens the unit must be typed negative for' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,4}(,[A-Za-z0-9]{1,4})*$/)
  negativeFor?: string;

  @ApiPropertyOptional({ example: 'c+,K-', description: 'Further antigen results the unit must have' })
  @IsOptional()
  @IsString()
  phenotype?: string;

  @ApiPropertyOptional({ example: 'BC-1' })
  @IsOptional()
  @IsString()
  siteId?: string;
}
