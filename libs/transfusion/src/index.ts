/* The context's public surface: its Nest module and the tokens its users inject (with the types of their
 * answers). Contracts: @hemotrace/transfusion/contracts. Tools (CLI, bench, tests): @hemotrace/transfusion/tooling. */
export { TransfusionModule } from './transfusion.module';
export { TransfusionQueries } from './read-models/transfusion.queries';
export type { HaemovigilanceRegister } from './read-models/transfusion.queries';
export type { HospitalUnitView } from './read-models/hospital-stock.projection';
export type { PatientRecordView, WardIssueView } from './read-models/patient-records.projection';
