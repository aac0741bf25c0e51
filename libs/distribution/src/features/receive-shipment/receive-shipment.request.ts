import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ScannedUnitId, LateEntryReasonField } from '@hemotrace/platform';

export class ReceivedUnitRequest {
  @ApiProperty({ example: 'A999925000001-E0398V00' })
  @IsString()
  @Matches(/^[A-Z0-9]{13}-[A-Za-z0-9]{8}$/, { message: 'unitId must be DIN-PRODUCTCODE' })
  @ScannedUnitId()
  unitId!: string;

  @ApiProperty()
  @IsBoolean()
  accepted!: boolean;

  @ApiPropertyOptional({ example: 'Bag damaged' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class ReceiveShipmentRequest {
  @ApiProperty({ enum: ['INTACT', 'DAMAGED'], description: 'Condition of the box on arrival' })
  @IsIn(['INTACT', 'DAMAGED'])
  condition!: 'INTACT' | 'DAMAGED';

  @ApiProperty({ example: 5, description: 'Box temperature on arrival (C)' })
  @IsNumber()
  @Min(-200)
  @Max(60)
  temperatureC!: number;

  @ApiProperty({ type: [ReceivedUnitRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ReceivedUnitRequest)
  units!: ReceivedUnitRequest[];

  @ApiPropertyOptional({ description: 'When the box arrived (ISO 8601 instant); default the time of entry' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
