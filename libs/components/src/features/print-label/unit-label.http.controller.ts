import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, READERS } from '@hemotrace/auth';
import type { Actor, UnitLabel } from '@hemotrace/kernel';
import { unitIdFromScan, unitLabel } from '@hemotrace/kernel';
import { UnitQueries } from '../../read-models/unit.queries';

/** The ISBT 128 label data of a unit, for a label printer or to check what a scanner reads. */
@ApiTags('components')
@ApiBearerAuth()
@Controller('components')
export class UnitLabelHttpController {
  constructor(private readonly units: UnitQueries) {}

  @Get('units/:unitId/label')
  @Allow('components', 'distribution', 'hospital', ...READERS)
  @ApiOperation({
    summary:
      'ISBT 128 label data: DIN with flags (001), ABO/RhD (002), product code (003), expiry (004/005), red cell antigens when typed (012) and the eye-readable DIN',
  })
  async label(
    @Param('unitId') unitId: string,
    @CurrentActor() actor: Actor,
  ): Promise<UnitLabel & { unitId: string }> {
    const unit = await this.units.get(unitIdFromScan(unitId), actor);
    return {
      unitId: unit.unitId,
      ...unitLabel({
        din: unit.din,
        productCode: unit.productCode,
        bloodGroup: unit.bloodGroup,
        expiresAt: unit.expiresAt,
        phenotype: unit.phenotype,
      }),
    };
  }
}
