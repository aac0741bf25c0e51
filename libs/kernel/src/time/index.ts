export * from './business-time';
