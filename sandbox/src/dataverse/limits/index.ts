export { DATAVERSE_LIMITS, ceilingRequestsPerSecond, limitError, scaledLimits, type LimitKind, type ProtectionLimits } from './limits';
export { UserUsage, type Admission, type UsageSnapshot } from './usage';
export {
  BURST_REMAINING_HEADER,
  TIME_REMAINING_HEADER,
  createServiceProtection,
  type ProtectionRegistration,
  type ServiceProtection,
} from './service-protection';
export { DATAVERSE_ERROR_CONTENT_TYPE, dataverseFaultBody } from './fault-bodies';
