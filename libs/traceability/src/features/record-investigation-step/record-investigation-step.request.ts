import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { NotificationChannel, RecipientOutcome } from '../../domain/investigation/investigation.events';

const SITE = /^[A-Za-z0-9._:-]{1,50}$/;
const CHANNELS: NotificationChannel[] = ['PHONE', 'EMAIL', 'LETTER', 'IN_PERSON', 'SYSTEM'];
const OUTCOMES: RecipientOutcome[] = ['NOTIFIED', 'NOT_TRANSFUSED', 'DECEASED', 'UNREACHABLE'];

export class RecordConsigneeNotificationRequest {
  @ApiProperty({ example: 'HOSP-1' })
  @IsString()
  @Matches(SITE)
  siteId!: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: NotificationChannel;

  @ApiPropertyOptional({ description: 'Letter number, call log reference...' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ description: 'When the notification was made, if recorded afterwards' })
  @IsOptional()
  @IsISO8601({ strict: true })
  notifiedAt?: string;
}

export class RecordConsigneeAcknowledgementRequest {
  @ApiProperty({ example: 'HOSP-1' })
  @IsString()
  @Matches(SITE)
  siteId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  acknowledgedAt?: string;
}

export class RecordRecipientNotificationRequest {
  @ApiProperty({ example: 'HOSP-1' })
  @IsString()
  @Matches(SITE)
  siteId!: string;

  @ApiProperty({ example: 'A999926000001-E0398V00' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{10,40}$/)
  unitId!: string;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: RecipientOutcome;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class CloseInvestigationRequest {
  @ApiProperty({ example: 'All consignees acknowledged; recipients notified; no further action.' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  conclusion!: string;
}
