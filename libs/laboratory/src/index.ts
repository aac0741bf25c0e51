/* The context's public surface: its Nest module and the tokens its users inject (with the types of their
 * answers). Contracts: @hemotrace/laboratory/contracts. Tools (CLI, bench, tests): @hemotrace/laboratory/tooling. */
export { LaboratoryModule } from './laboratory.module';
