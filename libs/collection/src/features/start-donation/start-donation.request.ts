import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsISO8601,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import type { Procedure, SiteType } from '../../contracts/collection.contracts';
import { ScannedDin, LateEntryReasonField } from '@hemotrace/platform';

const PROCEDURES: Procedure[] = ['WHOLE_BLOOD', 'APHERESIS_PLATELETS', 'APHERESIS_PLASMA'];
const SITE_TYPES: SiteType[] = ['FIXED_SITE', 'DONATION_HOUSE', 'MOBILE_VEHICLE'];

export class StartDonationRequest {
  @ApiProperty({
    example: 'A999925000001',
    description:
      '13-character DIN, 14 with the keyboard check character, or 15 with the ISBT 128 flag characters (kept on the donation)',
  })
  @IsString()
  @MaxLength(20)
  @ScannedDin()
  din!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  donorId!: string;

  @ApiProperty({ enum: PROCEDURES })
  @IsIn(PROCEDURES)
  procedure!: Procedure;

  @ApiPropertyOptional({ example: 400, description: 'Whole blood: nominal bag volume (200, 300 or 400 mL)' })
  @IsOptional()
  @IsInt()
  volumeMl?: number;

  @ApiPropertyOptional({
    example: 2,
    description: 'Apheresis platelets: therapeutic doses aimed for (1 or 2)',
  })
  @IsOptional()
  @IsInt()
  plateletDoses?: number;

  @ApiProperty({ example: 'BC-1-BUS-2' })
  @Matches(/^[A-Za-z0-9._-]{1,50}$/, {
    message: 'siteId must be 1-50 letters, digits, dots, dashes or underscores',
  })
  siteId!: string;

  @ApiProperty({ enum: SITE_TYPES })
  @IsIn(SITE_TYPES)
  siteType!: SiteType;

  @ApiProperty({ example: 'BAG-2025-0311', description: 'Blood bag lot, or apheresis kit lot' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  bagLot!: string;

  @ApiPropertyOptional({ description: 'Part of an organised group donation' })
  @IsOptional()
  @IsBoolean()
  groupDonation?: boolean;

  @ApiPropertyOptional({ description: 'Venipuncture start (ISO 8601 instant); default the time of entry' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startedAt?: string;

  @LateEntryReasonField()
  lateEntryReason?: string;
}
