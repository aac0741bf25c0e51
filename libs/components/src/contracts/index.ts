export * from './components.contracts';
