import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { PreparationMethod } from '../../contracts/components.contracts';
import { ScannedDin, ScannedUnitId } from '@hemotrace/platform';

const EQUIPMENT = /^[A-Za-z0-9._-]{1,40}$/;

export class DivideUnitRequest {
  @ApiProperty({ type: [Number], example: [120, 120], description: 'Volume of each division, 2 to 4' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(4)
  @IsInt({ each: true })
  @Min(1, { each: true })
  volumesMl!: number[];

  @ApiProperty({ example: 'STERILE-DOCK-1' })
  @IsString()
  @Matches(EQUIPMENT)
  equipmentId!: string;
}

export class PoolUnitsRequest {
  @ApiProperty({ example: ['A999925000001-E3700V00', 'A999925000002-E3700V00'] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @ScannedUnitId()
  unitIds!: string[];

  @ApiProperty({ example: 'A999925900001', description: 'The new DIN assigned to the pool' })
  @IsString()
  @Matches(/^[A-NP-Z1-9]\d{12}$/, { message: 'poolDin must be a 13-character ISBT 128 DIN' })
  @ScannedDin()
  poolDin!: string;

  @ApiProperty({ example: 'STERILE-DOCK-1' })
  @IsString()
  @Matches(EQUIPMENT)
  equipmentId!: string;
}

export const MODIFICATION_METHODS: PreparationMethod[] = [
  'LEUKOREDUCTION',
  'IRRADIATION',
  'WASHING',
  'FREEZING',
  'THAWING',
  'DEGLYCEROLIZATION',
];

export class ModifyUnitRequest {
  @ApiProperty({ enum: MODIFICATION_METHODS })
  @IsIn(MODIFICATION_METHODS)
  method!: PreparationMethod;

  @ApiProperty({ example: 'IRRADIATOR-1' })
  @IsString()
  @Matches(EQUIPMENT)
  equipmentId!: string;

  @ApiPropertyOptional({ example: -80, description: 'Freezing: the freezer temperature (C)' })
  @IsOptional()
  @IsNumber()
  @Min(-200)
  @Max(40)
  temperatureC?: number;

  @ApiPropertyOptional({ description: 'Volume after the modification, when it changes (washing)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  volumeMl?: number;
}
