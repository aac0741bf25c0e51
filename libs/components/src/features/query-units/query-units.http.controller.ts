import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, READERS } from '@hemotrace/auth';
import type { Actor, Antigen } from '@hemotrace/kernel';
import {
  antigenFromAntibody,
  parseBloodGroup,
  parsePhenotype,
  redCellDonorGroupsFor,
} from '@hemotrace/kernel';
import { CLOCK } from '@hemotrace/kernel';
import type { Clock } from '@hemotrace/kernel';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import { catalogFor } from '../../domain/catalog/product-catalog';
import { UnitQueries } from '../../read-models/unit.queries';
import { FrozenRareQueryRequest, InventoryQueryRequest } from './inventory.query';

@ApiTags('components')
@ApiBearerAuth()
@Controller('components')
export class QueryUnitsHttpController {
  constructor(
    private readonly units: UnitQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGULATORY_PROFILE) private readonly profile: string,
  ) {}

  @Get('catalog')
  @Allow('components', 'distribution', 'hospital', ...READERS)
  @ApiOperation({ summary: 'The product catalog of the active regulatory profile' })
  catalog() {
    return catalogFor(this.profile);
  }

  @Get('inventory')
  @Allow('components', 'distribution', 'hospital', ...READERS)
  @ApiOperation({
    summary: 'Units in stock by site, product, ABO/RhD, status and expiry (a hospital sees its own)',
  })
  inventory(@Query() query: InventoryQueryRequest, @CurrentActor() actor: Actor) {
    return this.units.inventory(query, this.clock.now().toISOString(), actor);
  }

  @Get('inventory/frozen-rare')
  @Allow('components', 'distribution', ...READERS)
  @ApiOperation({ summary: 'Released frozen red cells typed negative for the given antigens' })
  frozenRare(@Query() query: FrozenRareQueryRequest) {
    const negativeFor: Antigen[] = (query.negativeFor ?? '')
      .split(',')
      .filter((a) => a.length > 0)
      .map((a) => antigenFromAntibody(`anti-${a}`));
    return this.units.frozenRare(
      negativeFor,
      query.phenotype ? parsePhenotype(query.phenotype) : {},
      query.siteId,
      query.recipient === undefined ? undefined : redCellDonorGroupsFor(parseBloodGroup(query.recipient)),
    );
  }

  @Get('units/:unitId')
  @Allow('components', 'distribution', 'hospital', ...READERS)
  @ApiOperation({ summary: 'One unit: product, status, custody, parents and children' })
  unit(@Param('unitId') unitId: string, @CurrentActor() actor: Actor) {
    return this.units.get(unitId, actor);
  }

  @Get('units/:unitId/custody')
  @Allow('components', 'distribution', 'hospital', ...READERS)
  @ApiOperation({
    summary: 'The chain of custody of a unit: each site that held it, since when, by which shipment',
  })
  async custody(@Param('unitId') unitId: string, @CurrentActor() actor: Actor) {
    const unit = await this.units.get(unitId, actor);
    return { unitId, custodyChain: unit.custodyChain, inTransitShipmentId: unit.inTransitShipmentId ?? null };
  }
}
