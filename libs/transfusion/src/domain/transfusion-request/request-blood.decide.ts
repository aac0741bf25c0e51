import type { Antigen } from '@hemotrace/kernel';
import type { RequestedProduct } from './transfusion-request.event-data';
import type { RegisteredPatient } from '../patient/patient.state';
import type { TransfusionRequestEvent, Urgency } from './transfusion-request.events';
import type { Given } from './transfusion-request.guards';
import type { TransfusionRequestState } from './transfusion-request.state';
import type { StatedTime } from './stated-time';
import { factTime } from './stated-time';

export type RequestTransfusion = {
  type: 'RequestTransfusion';
  requestId: string;
  patient: RegisteredPatient;
  product: RequestedProduct;
  quantity: number;
  urgency: Urgency;
  irradiated: boolean;
  leukoreduced: boolean;
  antigenNegative: Antigen[];
  indication: string;
} & Given &
  StatedTime;

export const requestTransfusion = (
  cmd: RequestTransfusion,
  state: TransfusionRequestState,
): TransfusionRequestEvent[] => {
  if (state.status === 'Open') return [];
  const { at, late } = factTime(cmd, 'requestedAt');
  const derived = cmd.patient.antigensToAvoid.filter((a) => !cmd.antigenNegative.includes(a));
  return [
    {
      type: 'TransfusionRequested',
      data: {
        requestId: cmd.requestId,
        patientId: cmd.patient.patientId,
        hospitalSiteId: cmd.patient.hospitalSiteId,
        product: cmd.product,
        quantity: cmd.quantity,
        urgency: cmd.urgency,
        requirements: {
          irradiated: cmd.irradiated,
          leukoreduced: cmd.leukoreduced,
          antigenNegative: cmd.antigenNegative,
          derivedAntigenNegative: derived,
        },
        indication: cmd.indication,
        requestedBy: cmd.actor.userId,
        requestedAt: at,
        ...late,
      },
    },
  ];
};
