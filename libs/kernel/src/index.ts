export * from './errors';
export * from './ids';
export * from './clock';
export * from './actor';
export * from './isbt128';
export * from './blood';
export * from './time';
export * from './vocabulary';
