import 'reflect-metadata';
import { runContextService } from '@hemotrace/messaging';
import { CollectionServiceModule } from './collection-service.module';

runContextService('collection', (config) => CollectionServiceModule.forRoot(config));
