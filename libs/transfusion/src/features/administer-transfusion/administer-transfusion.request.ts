import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsISO8601, IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';

export class VitalSignsRequest {
  @ApiProperty({ example: 36.8 })
  @IsNumber()
  @Min(30)
  @Max(45)
  temperatureC!: number;

  @ApiProperty({ example: 78 })
  @IsInt()
  @Min(20)
  @Max(250)
  pulsePerMin!: number;

  @ApiProperty({ example: 122 })
  @IsInt()
  @Min(40)
  @Max(300)
  systolicMmHg!: number;

  @ApiProperty({ example: 76 })
  @IsInt()
  @Min(20)
  @Max(200)
  diastolicMmHg!: number;

  @ApiPropertyOptional({ example: 16 })
  @IsOptional()
  @IsInt()
  @Min(4)
  @Max(80)
  respiratoryRatePerMin?: number;

  @ApiPropertyOptional({ example: 97 })
  @IsOptional()
  @IsInt()
  @Min(40)
  @Max(100)
  spo2Percent?: number;
}

export class StartTransfusionRequest {
  @ApiPropertyOptional({ description: 'When the infusion started (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startedAt?: string;

  @ApiProperty({ type: VitalSignsRequest, description: 'Baseline vital signs' })
  @IsDefined()
  @ValidateNested()
  @Type(() => VitalSignsRequest)
  vitals!: VitalSignsRequest;

  @LateEntryReasonField()
  lateEntryReason?: string;
}

export class RecordVitalSignsRequest {
  @ApiPropertyOptional({ description: 'When measured (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  measuredAt?: string;

  @ApiProperty({ type: VitalSignsRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => VitalSignsRequest)
  vitals!: VitalSignsRequest;

  @LateEntryReasonField()
  lateEntryReason?: string;
}

export class EndTransfusionRequest {
  @ApiPropertyOptional({ description: 'When the infusion ended (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endedAt?: string;

  @ApiProperty({ example: 280, description: 'Volume actually transfused, mL' })
  @IsInt()
  @Min(1)
  @Max(1000)
  volumeMl!: number;

  @ApiPropertyOptional({ type: VitalSignsRequest, description: 'Vital signs at the end' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VitalSignsRequest)
  vitals?: VitalSignsRequest;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
