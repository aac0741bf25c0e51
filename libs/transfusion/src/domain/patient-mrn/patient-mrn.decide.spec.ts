import { DeciderSpecification } from '@hemotrace/event-sourcing/testing';
import { MrnAlreadyRegistered } from '../transfusion.errors';
import { patientMrnDecider, patientMrnStreamId } from './patient-mrn.decide';

const given = DeciderSpecification.for(patientMrnDecider);
const reserve = {
  type: 'ReservePatientMrn' as const,
  patientId: 'P-2',
  hospitalSiteId: 'HOSP-1',
  mrn: 'MRN-1',
};

describe('reserving a medical record number at a hospital', () => {
  it('reserves a free number for the new patient', () => {
    given([])
      .when(reserve)
      .then([{ type: 'PatientMrnReserved', data: { patientId: 'P-2', hospitalSiteId: 'HOSP-1' } }]);
  });

  it('refuses a number that already names a patient', () => {
    given([{ type: 'PatientMrnReserved', data: { patientId: 'P-1', hospitalSiteId: 'HOSP-1' } }])
      .when(reserve)
      .thenThrows(MrnAlreadyRegistered, 'TRANSFUSION.MRN_ALREADY_REGISTERED');
  });

  it('names the stream by hospital and number, never by the number in clear', () => {
    expect(patientMrnStreamId('HOSP-2', 'MRN-1')).not.toBe(patientMrnStreamId('HOSP-1', 'MRN-1'));
    expect(patientMrnStreamId('HOSP-1', 'MRN-1')).not.toContain('MRN');
  });
});
