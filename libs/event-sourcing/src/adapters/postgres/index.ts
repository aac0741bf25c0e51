export * from './postgres-connection';
export * from './postgres-migrations';
export * from './postgres-event-store';
export * from './postgres-read-model-store';
export * from './postgres-test-database';
export * from './postgres-event-schema';
