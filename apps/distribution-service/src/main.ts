import 'reflect-metadata';
import { runContextService } from '@hemotrace/messaging';
import { DistributionServiceModule } from './distribution-service.module';

runContextService('distribution', (config) => DistributionServiceModule.forRoot(config));
