import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNumber, IsString, Length, Max, Min } from 'class-validator';
import { BusinessTimeField, LateEntryReasonField } from '@hemotrace/platform';

export class WardReturnRequest {
  @ApiProperty({ example: 20, description: 'Minutes the unit spent outside controlled storage' })
  @IsInt()
  @Min(0)
  @Max(100000)
  minutesOutOfStorage!: number;

  @ApiProperty({ example: 6, description: 'Unit temperature on return, C' })
  @IsNumber()
  @Min(-80)
  @Max(60)
  temperatureC!: number;

  @BusinessTimeField('the unit came back to the blood bank')
  returnedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}

export class WasteUnitRequest {
  @ApiProperty({ example: 'Out of storage for 2 h; patient transferred' })
  @IsString()
  @Length(3, 500)
  reason!: string;

  @BusinessTimeField('the unit was wasted')
  wastedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
