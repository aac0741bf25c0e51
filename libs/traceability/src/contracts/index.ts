export * from './traceability.contracts';
export * from './unit-quarantine-requested.v1';
