export * from './blood-group';
export * from './antigens';
