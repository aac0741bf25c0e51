import 'reflect-metadata';
import { runContextService } from '@hemotrace/messaging';
import { TransfusionServiceModule } from './transfusion-service.module';

runContextService('transfusion', (config) => TransfusionServiceModule.forRoot(config));
