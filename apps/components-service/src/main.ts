import 'reflect-metadata';
import { runContextService } from '@hemotrace/messaging';
import { ComponentsServiceModule } from './components-service.module';

runContextService('components', (config) => ComponentsServiceModule.forRoot(config));
