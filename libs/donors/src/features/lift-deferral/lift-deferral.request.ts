import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LiftDeferralRequest {
  @ApiProperty({ example: 'Haemoglobin re-tested at 132 g/L by the physician' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
