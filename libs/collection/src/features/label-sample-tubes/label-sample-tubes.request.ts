import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, Matches } from 'class-validator';

export class LabelSampleTubesRequest {
  @ApiProperty({ example: ['A99992500000101', 'A99992500000102'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, {
    each: true,
    message: 'each tube id must be 1-40 letters, digits, dots or dashes',
  })
  tubeIds!: string[];
}
