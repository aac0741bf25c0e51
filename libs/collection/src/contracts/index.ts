export * from './collection.contracts';
export * from './donation-completed.v1';
