/** The in-process API of the camera simulator, for other apps' integration tests and benchmarks. */
export { startFleet } from './fleet/fleet.js';
export type { Fleet, FleetCamera, FleetOptions, FrameSize } from './fleet/fleet.js';
export type { CameraInfo } from './fleet/camera.js';
export type { FaultKind, FaultRequest, FaultState } from './fleet/faults.js';
export { FAULT_KINDS } from './fleet/faults.js';
export type { FleetManifest, ManifestCamera } from './fleet/manifest.js';
export type { Ptz } from './picture/scene.js';
export type { DigestCredentials } from './rtsp/digest.js';
export type { VideoCodec } from './rtsp/sdp.js';
export type { DelaySummary } from './media/delayStats.js';
