import type { DocumentReader } from '@hemotrace/event-sourcing';
import { InMemoryEventStore, InMemoryReadModelStore, ProjectionRunner } from '@hemotrace/event-sourcing';
import type { GivenEvent } from '@hemotrace/event-sourcing/testing';
import { appendGiven } from '@hemotrace/event-sourcing/testing';
import type { ContractProjection } from '../bus.port';
import type { ContractMapping } from '../contracts/contract-registry';
import { ContractRegistry } from '../contracts/contract-registry';
import { InProcessBus } from '../in-process/in-process-bus';

/**
 * given(stored events of the owning contexts).then(documents) for a projection fed by contracts:
 * the events are appended to an in-memory store, mapped by the owners' registered contracts and
 * delivered by the real in-process bus, exactly as in the application. A stored event without a
 * contract never reaches the projection, so a test cannot pass on data the owner does not publish.
 */
export const ContractProjectionSpecification = {
  for(projection: ContractProjection, contracts: readonly ContractMapping[]) {
    return (given: GivenEvent[]) => ({
      async then(assert: (documents: DocumentReader) => Promise<void> | void): Promise<void> {
        const store = new InMemoryEventStore();
        const readModels = new InMemoryReadModelStore();
        await appendGiven(store, given);
        const registry = new ContractRegistry();
        for (const contract of contracts) registry.registerContract(contract);
        const runner = new ProjectionRunner(store, readModels);
        const deadLetters: unknown[] = [];
        new InProcessBus(runner, registry, {
          retry: { maxAttempts: 1 },
          onDeadLetter: (letter) => deadLetters.push(letter),
        }).project(projection);
        await runner.catchUp();
        if (deadLetters.length > 0)
          throw new Error(`The projection dead-lettered: ${JSON.stringify(deadLetters, null, 2)}`);
        await assert(readModels);
      },
    });
  },
};
