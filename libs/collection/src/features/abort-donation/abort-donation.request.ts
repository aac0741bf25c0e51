import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

export class AbortDonationRequest {
  @ApiProperty({ example: 'Vein collapsed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  @ApiProperty({ example: 120, description: 'Volume collected before the abort, mL' })
  @IsInt()
  @Min(0)
  @Max(1000)
  partialVolumeMl!: number;
}
