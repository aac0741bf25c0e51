/* The laboratory's public surface: its module and its contracts. Everything else stays inside. */
export * from './contracts';
export { LaboratoryModule } from './laboratory.module';
