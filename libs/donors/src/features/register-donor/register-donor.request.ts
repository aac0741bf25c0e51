import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { DocumentType } from '../../domain/donor-identity/donor-identity.decide';
import type { Sex } from '../../domain/profiles';

const DOCUMENT_TYPES: DocumentType[] = ['RESIDENT_ID_CARD', 'PASSPORT', 'MILITARY_ID', 'OTHER'];

export class IdentityDocumentRequest {
  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  type!: DocumentType;

  @ApiProperty({ example: '110101199005011234' })
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{4,40}$/, { message: 'number must be 4-40 letters, digits, spaces or dashes' })
  number!: string;
}

export class DonorContactRequest {
  @ApiPropertyOptional({ example: '+86 138 0000 0000' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;
}

export class RegisterDonorRequest {
  @ApiProperty({ example: 'Li Wei' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: IdentityDocumentRequest })
  @ValidateNested()
  @Type(() => IdentityDocumentRequest)
  document!: IdentityDocumentRequest;

  @ApiProperty({ example: '1990-05-01' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date YYYY-MM-DD' })
  birthDate!: string;

  @ApiProperty({ enum: ['M', 'F'] })
  @IsIn(['M', 'F'])
  sex!: Sex;

  @ApiProperty({ type: DonorContactRequest })
  @ValidateNested()
  @Type(() => DonorContactRequest)
  contact!: DonorContactRequest;
}
