import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import type { EquipmentKind } from '../../domain/catalog/product-catalog';

const KINDS: EquipmentKind[] = ['FRIDGE', 'FREEZER', 'PLATELET_AGITATOR'];

export class RegisterEquipmentRequest {
  @ApiProperty({ example: 'FRIDGE-1' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/)
  equipmentId!: string;

  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  kind!: EquipmentKind;

  @ApiProperty({ example: 2, description: 'Lowest temperature the equipment is validated to hold (C)' })
  @IsNumber()
  @Min(-200)
  @Max(40)
  minC!: number;

  @ApiProperty({ example: 6 })
  @IsNumber()
  @Min(-200)
  @Max(40)
  maxC!: number;
}

export class ReportExcursionRequest {
  @ApiProperty({ example: '2025-03-01T02:00:00.000Z' })
  @IsISO8601({ strict: true })
  startedAt!: string;

  @ApiProperty({ example: '2025-03-01T03:30:00.000Z' })
  @IsISO8601({ strict: true })
  endedAt!: string;

  @ApiProperty({ example: 11.5, description: 'The worst temperature observed (C)' })
  @IsNumber()
  @Min(-200)
  @Max(60)
  observedC!: number;
}
