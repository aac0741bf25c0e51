import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsObject, Max, Min, ValidateNested } from 'class-validator';
import type { Procedure } from '@hemotrace/kernel';
import { BusinessTimeField, LateEntryReasonField } from '@hemotrace/platform';

export const PROCEDURES: Procedure[] = ['WHOLE_BLOOD', 'APHERESIS_PLATELETS', 'APHERESIS_PLASMA'];

export class ScreeningMeasurementsRequest {
  @ApiProperty({ example: 68.5 })
  @IsNumber()
  @Min(20)
  @Max(300)
  weightKg!: number;

  @ApiProperty({ example: 118 })
  @IsNumber()
  @Min(40)
  @Max(300)
  systolicMmHg!: number;

  @ApiProperty({ example: 76 })
  @IsNumber()
  @Min(20)
  @Max(200)
  diastolicMmHg!: number;

  @ApiProperty({ example: 72 })
  @IsNumber()
  @Min(20)
  @Max(250)
  pulseBpm!: number;

  @ApiProperty({ example: 36.6 })
  @IsNumber()
  @Min(30)
  @Max(45)
  temperatureC!: number;

  @ApiProperty({ example: 138, description: 'Haemoglobin in g/L' })
  @IsNumber()
  @Min(30)
  @Max(250)
  hemoglobinGPerL!: number;
}

export class ScreenDonorRequest {
  @ApiProperty({ enum: PROCEDURES })
  @IsIn(PROCEDURES)
  procedure!: Procedure;

  @ApiProperty({ type: ScreeningMeasurementsRequest })
  @ValidateNested()
  @Type(() => ScreeningMeasurementsRequest)
  measurements!: ScreeningMeasurementsRequest;

  @ApiProperty({
    description: 'Every question of the active profile (GET /donors/screening-questions) -> answered yes',
    type: 'object',
    additionalProperties: { type: 'boolean' },
    example: { RECENT_COLD_OR_FEVER: false },
  })
  @IsObject()
  answers!: Record<string, boolean>;

  @BusinessTimeField('the donor was screened')
  screenedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
