export * from './traceability.contracts';
