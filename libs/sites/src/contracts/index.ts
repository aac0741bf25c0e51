export * from './sites.contracts';
