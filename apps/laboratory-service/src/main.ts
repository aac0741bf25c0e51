import 'reflect-metadata';
import { runContextService } from '@hemotrace/messaging';
import { LaboratoryServiceModule } from './laboratory-service.module';

runContextService('laboratory', (config) => LaboratoryServiceModule.forRoot(config));
