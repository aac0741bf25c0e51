import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class PackUnitRequest {
  @ApiProperty({ example: 'A999925000001-E0398V00' })
  @IsString()
  @Matches(/^[A-Z0-9]{13}-[A-Za-z0-9]{8}$/, { message: 'unitId must be DIN-PRODUCTCODE' })
  unitId!: string;
}
