import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** A unit as scanned from its label: DIN (with or without check character) and product code. */
export class UnitLabelRequest {
  @ApiProperty({ example: 'A999925000001' })
  @IsString()
  @Length(13, 16)
  din!: string;

  @ApiProperty({ example: 'E0398V00' })
  @IsString()
  @Length(8, 10)
  productCode!: string;
}
