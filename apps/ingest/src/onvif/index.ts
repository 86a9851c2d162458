/** The ONVIF adapter of ingest: discovery, onboarding, PTZ and events behind one interface. */
export type * from './device';
export { connectOnvifDevice } from './libDevice';
export { OnvifError, isOnvifError, type OnvifErrorCode } from './errors';
export {
  probeMulticast,
  probeUnicast,
  parseTargets,
  parseProbeMatches,
  type DiscoveredDevice,
  type ProbeOptions,
  type ProbeResult,
  type ProbeTarget,
} from './discovery';
