import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ScannedDescriptionCode, ScannedDin } from '@hemotrace/platform';

export class PrepareComponentRequest {
  @ApiProperty({ example: 'A999925000001', description: 'DIN of a completed donation' })
  @IsString()
  @Matches(/^[A-NP-Z1-9]\d{12}$/, { message: 'din must be a 13-character ISBT 128 DIN' })
  @ScannedDin()
  din!: string;

  @ApiProperty({ example: 'E0398', description: 'Product description code from the catalog' })
  @IsString()
  @Matches(/^[A-Z]\d{4}$/, { message: 'descriptionCode must be a letter and 4 digits' })
  @ScannedDescriptionCode()
  descriptionCode!: string;

  @ApiProperty({ example: 280 })
  @IsInt()
  @Min(1)
  @Max(2000)
  volumeMl!: number;

  @ApiProperty({ example: 'CENTRIFUGE-2' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/)
  equipmentId!: string;

  @ApiPropertyOptional({ description: 'When it was prepared, if recorded after the fact' })
  @IsOptional()
  @IsISO8601({ strict: true })
  preparedAt?: string;
}
