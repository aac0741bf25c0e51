import type { ContractMapping } from './contract-registry';
import type { BoundedContextName } from './integration-event';
import { contractTypeName } from './integration-event';

/** Every registered contract also says where the fact was recorded: reactions are recorded there too. */
export type RecordedAtSite<Data> = Data & { recordedAtSite: string };

/**
 * A contract whose data is the stored data (the stored shape is the source and already the
 * context's long-term promise) plus `recordedAtSite`, the site of whoever recorded the fact.
 */
export const asStoredContract = (
  context: BoundedContextName,
  storedType: string,
  version = 1,
): ContractMapping<RecordedAtSite<object>> => ({
  context,
  storedType,
  contractType: storedType,
  version,
  toContract: (recorded) => ({ ...(recorded.data as object), recordedAtSite: recorded.actor.siteId }),
});

/** `laboratory.DonationQualified.v1` for a contract published as stored. */
export const asStoredContractType = (context: BoundedContextName, storedType: string, version = 1): string =>
  contractTypeName(context, storedType, version);
