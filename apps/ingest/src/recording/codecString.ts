import { hevcCodecString, parseAvcDecoderConfig } from '@cctv/media';
import type { VideoCodecFamily } from '@cctv/media';

/** The WebCodecs codec string of a stored configuration record. */
export function codecString(family: VideoCodecFamily, record: Uint8Array): string {
  return family === 'avc1' ? parseAvcDecoderConfig(record).codec : hevcCodecString(record);
}
