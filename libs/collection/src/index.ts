export * from './contracts/collection.contracts';
export { CollectionModule } from './collection.module';
