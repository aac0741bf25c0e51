import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ScannedDin, ScannedProductCode } from '@hemotrace/platform';

/** A unit as scanned from its label: DIN (with or without check character) and product code. */
export class UnitLabelRequest {
  @ApiProperty({ example: 'A999925000001' })
  @IsString()
  @Length(13, 16)
  @ScannedDin()
  din!: string;

  @ApiProperty({ example: 'E0398V00' })
  @IsString()
  @Length(8, 10)
  @ScannedProductCode()
  productCode!: string;
}
