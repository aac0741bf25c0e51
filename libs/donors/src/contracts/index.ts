export * from './donors.contracts';
