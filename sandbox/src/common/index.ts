export { getDevCertificate, writeCaFile, type DevCertificate } from './tls-cert';
export { listenDual, urlHost, type DualListener, type DualListenOptions } from './listen-dual';
export { createPrng } from './prng';
export { createFaultInjector, faultRuleSchema, type FaultDecision, type FaultInjector, type FaultInjectorOptions, type FaultRule, type FaultStats } from './faults';
export { registerFaults, type RegisterFaultsOptions } from './faults-plugin';
export { registerRequestLog, type LoggedRequest, type RequestLog } from './request-log';
