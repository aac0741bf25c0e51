export * from './check-character';
export * from './din';
export * from './product-code';
export * from './abo-rhd';
export * from './din-flags';
export * from './label';
export * from './special-testing';
