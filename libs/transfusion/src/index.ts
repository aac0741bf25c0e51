export * from './contracts';
export { TransfusionModule } from './transfusion.module';
export { TransfusionQueries } from './read-models/transfusion.queries';
export type { HaemovigilanceRegister } from './read-models/transfusion.queries';
export type { HospitalUnitView } from './read-models/hospital-stock.projection';
export type { PatientRecordView, WardIssueView } from './read-models/patient-records.projection';
export type { TransfusionProfile } from './domain/profile/transfusion-profile';
export { TRANSFUSION_PROFILES, transfusionProfileFor } from './domain/profile/transfusion-profile';
