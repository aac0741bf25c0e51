import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { DeferralKind } from '../../domain/donor/deferral';

export class DeferralReasonRequest {
  @ApiProperty({ example: 'TRAVEL_MALARIA_AREA' })
  @Matches(/^[A-Z][A-Z0-9_]{1,60}$/, { message: 'code must be an upper-case reason code' })
  code!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  detail?: string;
}

export class DeferDonorRequest {
  @ApiProperty({ enum: ['TEMPORARY', 'PERMANENT'] })
  @IsIn(['TEMPORARY', 'PERMANENT'])
  kind!: DeferralKind;

  @ApiProperty({ type: [DeferralReasonRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DeferralReasonRequest)
  reasons!: DeferralReasonRequest[];

  @ApiPropertyOptional({ description: 'End of a temporary deferral (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}
