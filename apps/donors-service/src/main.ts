import 'reflect-metadata';
import { runContextService } from '@hemotrace/messaging';
import { DonorsServiceModule } from './donors-service.module';

runContextService('donors', (config) => DonorsServiceModule.forRoot(config));
