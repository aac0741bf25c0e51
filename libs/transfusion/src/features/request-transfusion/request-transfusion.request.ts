import { BusinessTimeField, LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import type { Antigen } from '@hemotrace/kernel';
import { ANTIGENS } from '@hemotrace/kernel';
import type { RequestedProduct } from '../../contracts/transfusion.contracts';
import type { Urgency } from '../../domain/transfusion-request/transfusion-request.events';

export class RequestTransfusionRequest {
  @ApiProperty()
  @IsUUID()
  patientId!: string;

  @ApiProperty({ enum: ['RED_CELLS', 'PLASMA', 'PLATELETS', 'CRYO'] })
  @IsIn(['RED_CELLS', 'PLASMA', 'PLATELETS', 'CRYO'])
  product!: RequestedProduct;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(20)
  quantity!: number;

  @ApiProperty({ enum: ['ROUTINE', 'URGENT', 'EMERGENCY'] })
  @IsIn(['ROUTINE', 'URGENT', 'EMERGENCY'])
  urgency!: Urgency;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  irradiated?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  leukoreduced?: boolean;

  @ApiPropertyOptional({
    example: ['K'],
    description: "Antigens the units must be typed negative for; the patient's antibodies add theirs",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(17)
  @IsIn(ANTIGENS, { each: true })
  antigenNegative?: Antigen[];

  @ApiProperty({ example: 'Hb 62 g/L, symptomatic anaemia' })
  @IsString()
  @Length(1, 500)
  indication!: string;

  @BusinessTimeField('the clinician requested the blood')
  requestedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
