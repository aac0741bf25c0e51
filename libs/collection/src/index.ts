export * from './contracts';
export { CollectionModule } from './collection.module';
export { DinRegister, DinRegisterModule } from './features/din-register.service';
