export * from './tokens';
export * from './access.decorators';
export * from './auth.guard';
