/** Roles from day one (issue 2). Each context grants its commands to some of them; deny by default. */
export const ROLES = [
  'donor-clinic',
  'phlebotomist',
  'laboratory',
  'components',
  'distribution',
  'hospital',
  'quality-auditor',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Who did it, in which role, at which site: recorded on every event (21 CFR Part 11 attribution). */
export interface Actor {
  userId: string;
  role: Role;
  siteId: string;
}

/** The actor for events the system records by itself in reaction to another event. */
export const systemActor = (siteId = 'SYSTEM'): Actor => ({ userId: 'system', role: 'admin', siteId });
