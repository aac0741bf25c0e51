import 'reflect-metadata';
import { runContextService } from '@hemotrace/messaging';
import { TraceabilityServiceModule } from './traceability-service.module';

runContextService('traceability', (config) => TraceabilityServiceModule.forRoot(config));
