import { Inject, Injectable } from '@nestjs/common';
import { REGULATORY_PROFILE } from '@hemotrace/platform';
import type { ProductDefinition } from '../domain/catalog/product-catalog';
import { catalogFor, findProduct } from '../domain/catalog/product-catalog';

/** The configured profile's product catalogue, for readers that describe a unit (FHIR). */
@Injectable()
export class ProductDefinitions {
  constructor(@Inject(REGULATORY_PROFILE) private readonly profile: string) {}

  byDescriptionCode(descriptionCode: string): ProductDefinition | undefined {
    return findProduct(catalogFor(this.profile), descriptionCode);
  }
}
