export * from './decider-specification';
export * from './event-store.contract';
export * from './original-canonical-json';
export * from './projection-specification';
