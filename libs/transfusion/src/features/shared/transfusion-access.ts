import { Injectable } from '@nestjs/common';
import type { Actor } from '@hemotrace/kernel';
import { parseDin, parseProductCode, unitId as unitIdOf } from '@hemotrace/kernel';
import { CommandExecutor } from '@hemotrace/platform';
import { patientStreamId, transfusionRequestStreamId } from '../../contracts/transfusion.contracts';
import type { UnitFacts } from '../../domain/compatibility/unit-facts';
import { patientDecider } from '../../domain/patient/patient.decide';
import type { RegisteredPatient } from '../../domain/patient/patient.state';
import { PatientNotFound, RequestNotFound, UnitNotFound } from '../../domain/transfusion.errors';
import { transfusionRequestDecider } from '../../domain/transfusion-request/transfusion-request.decide';
import type { OpenRequest } from '../../domain/transfusion-request/transfusion-request.state';
import { mayAct, TransfusionQueries } from '../../read-models/transfusion.queries';

/**
 * Gathers the facts a command needs and enforces hospital isolation: another hospital's patient,
 * request or unit is answered exactly like an unknown one (404), so its existence does not leak.
 */
@Injectable()
export class TransfusionAccess {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly queries: TransfusionQueries,
  ) {}

  async patient(patientId: string, actor: Actor): Promise<RegisteredPatient> {
    const { state } = await this.executor.load(patientDecider, patientStreamId(patientId));
    if (state.status !== 'Registered' || !mayAct(actor, state.hospitalSiteId))
      throw new PatientNotFound(patientId);
    return state;
  }

  async request(requestId: string, actor: Actor): Promise<OpenRequest> {
    const { state } = await this.executor.load(
      transfusionRequestDecider,
      transfusionRequestStreamId(requestId),
    );
    if (state.status !== 'Open' || !mayAct(actor, state.hospitalSiteId)) throw new RequestNotFound(requestId);
    return state;
  }

  /** The unit as the hospital blood bank knows it; a unit held by another hospital is unknown here. */
  async unit(din: string, productCode: string, hospitalSiteId: string): Promise<UnitFacts> {
    const id = unitIdOf(parseDin(din).value, parseProductCode(productCode).value);
    const view = await this.queries.unit(id);
    if (!view || (view.siteId !== null && view.siteId !== hospitalSiteId)) throw new UnitNotFound(id);
    return {
      unitId: view.unitId,
      din: view.din,
      productCode: view.productCode,
      product: view.product,
      bloodGroup: view.bloodGroup,
      phenotype: view.phenotype,
      irradiated: view.irradiated,
      leukoreduced: view.leukoreduced,
      expiresAt: view.expiresAt,
      releaseStatus: view.releaseStatus,
      siteId: view.siteId,
      hospitalStatus: view.hospitalStatus,
      receivedAt: view.receivedAt,
    };
  }
}
