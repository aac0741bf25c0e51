import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import type { Imputability, ReactionCategory, SeverityGrade } from '../../contracts/transfusion.contracts';
import { ScannedUnitId } from '@hemotrace/platform';

const CATEGORIES: ReactionCategory[] = [
  'AHTR',
  'DHTR',
  'FNHTR',
  'ALLERGIC',
  'ANAPHYLACTIC',
  'TRALI',
  'TACO',
  'TAD',
  'HYPOTENSIVE',
  'TTI',
  'OTHER',
];

export class ReportAdverseReactionRequest {
  @ApiProperty({ example: ['A999925000001-E0398V00'], description: 'Implicated units (DIN-PRODUCTCODE)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(20, 30, { each: true })
  @ScannedUnitId()
  unitIds!: string[];

  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category!: ReactionCategory;

  @ApiProperty({ description: 'Onset of symptoms (ISO 8601)' })
  @IsISO8601({ strict: true })
  onsetAt!: string;

  @ApiProperty({
    enum: [1, 2, 3, 4],
    description: 'ISBT: 1 non-severe, 2 severe, 3 life-threatening, 4 death',
  })
  @IsInt()
  @Min(1)
  @Max(4)
  severity!: SeverityGrade;

  @ApiProperty({ enum: ['NA', '0', '1', '2', '3'], description: 'EU imputability' })
  @IsIn(['NA', '0', '1', '2', '3'])
  imputability!: Imputability;

  @ApiProperty({ example: 'Fever 39.1 C and rigors 40 min into the transfusion' })
  @IsString()
  @Length(1, 2000)
  description!: string;

  @ApiPropertyOptional({ example: 'HBV', description: 'TTI: the suspected agent' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  suspectedAgent?: string;
}
