import { BusinessTimeField, LateEntryReasonField } from '@hemotrace/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class StoreUnitRequest {
  @ApiProperty({ example: 'FRIDGE-1', description: 'Registered equipment at the caller site' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/)
  equipmentId!: string;

  @BusinessTimeField('the unit was put in the equipment')
  storedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
