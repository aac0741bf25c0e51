import { LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class DispatchShipmentRequest {
  @ApiProperty({ example: 'City cold-chain courier' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  carrier!: string;

  @ApiProperty({ example: 'BOX-17', description: 'The validated cold-chain box' })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  coolerId!: string;

  @ApiProperty({ example: 4, description: 'Box temperature at dispatch (C)' })
  @IsNumber()
  @Min(-200)
  @Max(60)
  temperatureC!: number;

  @ApiPropertyOptional({ description: 'When the box left (ISO 8601 instant); default the time of entry' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dispatchedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
