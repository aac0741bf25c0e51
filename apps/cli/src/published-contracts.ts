import { collectionIntegrationContracts } from '@hemotrace/collection/contracts';
import { componentsIntegrationContracts } from '@hemotrace/components/contracts';
import { distributionIntegrationContracts } from '@hemotrace/distribution/contracts';
import { laboratoryIntegrationContracts } from '@hemotrace/laboratory/contracts';
import { transfusionIntegrationContracts } from '@hemotrace/transfusion/contracts';
import { ContractRegistry } from '@hemotrace/messaging';

/**
 * The registry the server's modules fill, for the CLI's own in-process bus: a contract projection
 * the CLI catches up sees exactly the contracts it sees in the server.
 */
export const publishedContracts = (): ContractRegistry => {
  const registry = new ContractRegistry();
  for (const contract of [
    ...collectionIntegrationContracts,
    ...laboratoryIntegrationContracts,
    ...componentsIntegrationContracts,
    ...distributionIntegrationContracts,
    ...transfusionIntegrationContracts,
  ])
    registry.registerContract(contract);
  return registry;
};
