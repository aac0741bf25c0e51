export * from './procedure';
export * from './marker';
