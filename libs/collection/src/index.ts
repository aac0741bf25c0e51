/* The context's public surface: its Nest module and the tokens its users inject (with the types of their
 * answers). Contracts: @hemotrace/collection/contracts. Tools (CLI, bench, tests): @hemotrace/collection/tooling. */
export { CollectionModule } from './collection.module';
export { DinRegister, DinRegisterModule } from './features/din-register.service';
