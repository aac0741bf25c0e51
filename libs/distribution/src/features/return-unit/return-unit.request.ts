import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ScannedUnitId } from '@hemotrace/platform';

export class ReturnUnitRequest {
  @ApiProperty({ example: 'A999925000001-E0398V00' })
  @IsString()
  @Matches(/^[A-Z0-9]{13}-[A-Za-z0-9]{8}$/, { message: 'unitId must be DIN-PRODUCTCODE' })
  @ScannedUnitId()
  unitId!: string;

  @ApiProperty({ example: 5, description: 'Unit temperature when handed back (C)' })
  @IsNumber()
  @Min(-200)
  @Max(60)
  temperatureC!: number;

  @ApiPropertyOptional({ description: 'When the hospital handed it back, if recorded after the fact' })
  @IsOptional()
  @IsISO8601({ strict: true })
  returnedAt?: string;
}
