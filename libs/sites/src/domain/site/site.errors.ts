import { ConflictError, DomainError, NotFoundError } from '@hemotrace/kernel';

export class SiteNotFound extends NotFoundError {
  constructor(siteId: string) {
    super('SITES.SITE_NOT_FOUND', `No site ${siteId}`, { siteId });
  }
}

export class SiteAlreadyRegistered extends ConflictError {
  constructor(siteId: string) {
    super('SITES.SITE_ALREADY_REGISTERED', `Site ${siteId} is already registered`, { siteId });
  }
}

export class SiteInactive extends DomainError {
  constructor(siteId: string) {
    super('SITES.SITE_INACTIVE', `Site ${siteId} is inactive`, { siteId });
  }
}

export class SiteAlreadyActive extends DomainError {
  constructor(siteId: string) {
    super('SITES.SITE_ALREADY_ACTIVE', `Site ${siteId} is already active`, { siteId });
  }
}
