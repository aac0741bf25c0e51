export * from './contract-projection-specification';
