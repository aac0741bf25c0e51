import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { ShipmentType } from '../../contracts/distribution.contracts';

export const SHIPMENT_TYPES: ShipmentType[] = ['HOSPITAL_ISSUE', 'CENTER_TRANSFER', 'EMERGENCY_TRANSFER'];

export class CreateShipmentRequest {
  @ApiProperty({ enum: SHIPMENT_TYPES })
  @IsIn(SHIPMENT_TYPES)
  type!: ShipmentType;

  @ApiProperty({ example: 'HOSP-1', description: 'The consignee: a hospital or another blood center' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/)
  toSiteId!: string;

  @ApiPropertyOptional({
    example: 'CITY-ALLIANCE-4',
    description: 'Emergency transfers: the regional alliance',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,60}$/)
  allianceId?: string;
}
