import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ScannedUnitId } from '@hemotrace/platform';

export class PackUnitRequest {
  @ApiProperty({ example: 'A999925000001-E0398V00' })
  @IsString()
  @Matches(/^[A-Z0-9]{13}-[A-Za-z0-9]{8}$/, { message: 'unitId must be DIN-PRODUCTCODE' })
  @ScannedUnitId()
  unitId!: string;
}
