export * from './procedure';
export * from './marker';
export * from './blood-unit';
export * from './site';
