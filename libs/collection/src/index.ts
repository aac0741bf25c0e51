export * from './contracts';
export { CollectionModule } from './collection.module';
