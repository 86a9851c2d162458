/**
 * H.265 (HEVC) configuration: the parts of the VPS/SPS that a recorder and a decoder need, the
 * HEVCDecoderConfigurationRecord (hvcC, ISO/IEC 14496-15 8.3.3) that MP4 carries, and the codec
 * string (`hvc1.1.6.L93.B0`, ISO/IEC 14496-15 Annex E).
 */
import { BitReader, unescapeRbsp } from './bitReader';

export const HEVC_NAL = { VPS: 32, SPS: 33, PPS: 34, AUD: 35, PREFIX_SEI: 39, AP: 48, FU: 49 } as const;

export const hevcNalType = (nal: Uint8Array): number => (nal[0]! >> 1) & 0x3f;
/** IRAP pictures (BLA, IDR, CRA: NAL types 16–23): decoding can start here. */
export const isHevcKey = (nal: Uint8Array): boolean => {
  const t = hevcNalType(nal);
  return t >= 16 && t <= 23;
};

interface ProfileTierLevel {
  profileSpace: number;
  tier: number;
  profileIdc: number;
  compatibility: number;
  /** 6 bytes. */
  constraints: Uint8Array;
  levelIdc: number;
}

export interface HevcSpsInfo extends ProfileTierLevel {
  width: number;
  height: number;
  chromaFormat: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  maxSubLayersMinus1: number;
  temporalIdNesting: boolean;
}

function profileTierLevel(r: BitReader, maxSubLayersMinus1: number): ProfileTierLevel {
  const profileSpace = r.u(2);
  const tier = r.u(1);
  const profileIdc = r.u(5);
  const compatibility = r.u(32);
  const constraints = new Uint8Array(6);
  for (let i = 0; i < 6; i++) constraints[i] = r.u(8);
  const levelIdc = r.u(8);
  const subProfile: boolean[] = [];
  const subLevel: boolean[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    subProfile.push(r.u(1) === 1);
    subLevel.push(r.u(1) === 1);
  }
  if (maxSubLayersMinus1 > 0) for (let i = maxSubLayersMinus1; i < 8; i++) r.u(2);
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    if (subProfile[i]) {
      r.u(32);
      r.u(32);
      r.u(24);
    }
    if (subLevel[i]) r.u(8);
  }
  return { profileSpace, tier, profileIdc, compatibility, constraints, levelIdc };
}

/** Reads the picture size and profile from an H.265 sequence parameter set NAL unit. */
export function parseHevcSps(nal: Uint8Array): HevcSpsInfo {
  if (nal.length < 4 || hevcNalType(nal) !== HEVC_NAL.SPS)
    throw new RangeError('hevc sps: not a sequence parameter set');
  const r = new BitReader(unescapeRbsp(nal.subarray(2)));
  r.u(4); // sps_video_parameter_set_id
  const maxSubLayersMinus1 = r.u(3);
  const temporalIdNesting = r.u(1) === 1;
  const ptl = profileTierLevel(r, maxSubLayersMinus1);
  r.ue(); // sps_seq_parameter_set_id
  const chromaFormat = r.ue();
  if (chromaFormat > 3) throw new RangeError('hevc sps: bad chroma format');
  if (chromaFormat === 3) r.u(1);
  let width = r.ue();
  let height = r.ue();
  if (r.u(1)) {
    const subW = chromaFormat === 1 || chromaFormat === 2 ? 2 : 1;
    const subH = chromaFormat === 1 ? 2 : 1;
    const left = r.ue();
    const right = r.ue();
    const top = r.ue();
    const bottom = r.ue();
    width -= subW * (left + right);
    height -= subH * (top + bottom);
  }
  const bitDepthLuma = r.ue() + 8;
  const bitDepthChroma = r.ue() + 8;
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384) throw new RangeError('hevc sps: bad picture size');
  return { ...ptl, width, height, chromaFormat, bitDepthLuma, bitDepthChroma, maxSubLayersMinus1, temporalIdNesting };
}

/** Builds an hvcC record from the camera's VPS, SPS and PPS NAL units (no start codes). */
export function buildHevcDecoderConfig(vps: Uint8Array[], sps: Uint8Array[], pps: Uint8Array[]): Uint8Array {
  const first = sps[0];
  if (!first || vps.length === 0 || pps.length === 0) throw new RangeError('hvcC: VPS, SPS and PPS are all needed');
  const info = parseHevcSps(first);
  const arrays: [number, Uint8Array[]][] = [
    [HEVC_NAL.VPS, vps],
    [HEVC_NAL.SPS, sps],
    [HEVC_NAL.PPS, pps],
  ];
  const size = 23 + arrays.reduce((n, [, list]) => n + 3 + list.reduce((m, x) => m + 2 + x.length, 0), 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out[0] = 1;
  out[1] = (info.profileSpace << 6) | (info.tier << 5) | info.profileIdc;
  v.setUint32(2, info.compatibility);
  out.set(info.constraints, 6);
  out[12] = info.levelIdc;
  v.setUint16(13, 0xf000); // min_spatial_segmentation_idc 0
  out[15] = 0xfc; // parallelismType 0
  out[16] = 0xfc | info.chromaFormat;
  out[17] = 0xf8 | (info.bitDepthLuma - 8);
  out[18] = 0xf8 | (info.bitDepthChroma - 8);
  v.setUint16(19, 0); // avgFrameRate unknown
  out[21] = ((info.maxSubLayersMinus1 + 1) << 3) | ((info.temporalIdNesting ? 1 : 0) << 2) | 3; // 4-byte lengths
  out[22] = arrays.length;
  let p = 23;
  for (const [type, list] of arrays) {
    out[p++] = 0x80 | type; // array_completeness
    v.setUint16(p, list.length);
    p += 2;
    for (const nal of list) {
      v.setUint16(p, nal.length);
      p += 2;
      out.set(nal, p);
      p += nal.length;
    }
  }
  return out;
}

export interface HevcConfig {
  codec: string;
  width: number;
  height: number;
  nalLengthSize: number;
  vps: Uint8Array[];
  sps: Uint8Array[];
  pps: Uint8Array[];
}

/** Parses an hvcC record. */
export function parseHevcDecoderConfig(record: Uint8Array): HevcConfig {
  if (record.length < 23 || record[0] !== 1) throw new RangeError('hvcC: not a version 1 record');
  const v = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const nalLengthSize = (record[21]! & 3) + 1;
  const sets: Record<number, Uint8Array[]> = { [HEVC_NAL.VPS]: [], [HEVC_NAL.SPS]: [], [HEVC_NAL.PPS]: [] };
  let p = 23;
  for (let a = 0; a < record[22]!; a++) {
    if (p + 3 > record.length) throw new RangeError('hvcC: truncated array');
    const type = record[p]! & 0x3f;
    const n = v.getUint16(p + 1);
    p += 3;
    for (let i = 0; i < n; i++) {
      if (p + 2 > record.length) throw new RangeError('hvcC: truncated NAL length');
      const len = v.getUint16(p);
      p += 2;
      if (p + len > record.length) throw new RangeError('hvcC: truncated NAL unit');
      (sets[type] ??= []).push(record.subarray(p, p + len));
      p += len;
    }
  }
  const sps = sets[HEVC_NAL.SPS]!;
  if (sps.length === 0) throw new RangeError('hvcC: no sequence parameter set');
  const info = parseHevcSps(sps[0]!);
  return {
    codec: hevcCodecString(record),
    width: info.width,
    height: info.height,
    nalLengthSize,
    vps: sets[HEVC_NAL.VPS]!,
    sps,
    pps: sets[HEVC_NAL.PPS]!,
  };
}

/** `hvc1.<space><profile>.<compatibility, bit-reversed>.<tier><level>.<constraint bytes>` from an hvcC. */
export function hevcCodecString(record: Uint8Array): string {
  if (record.length < 23) throw new RangeError('hvcC: too short');
  const space = ['', 'A', 'B', 'C'][record[1]! >> 6]!;
  const tier = record[1]! & 0x20 ? 'H' : 'L';
  const profile = record[1]! & 0x1f;
  const compat = new DataView(record.buffer, record.byteOffset + 2, 4).getUint32(0);
  let reversed = 0;
  for (let i = 0; i < 32; i++) if (compat & (1 << i)) reversed |= 1 << (31 - i);
  const constraints = [...record.subarray(6, 12)];
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  const parts = [`hvc1`, `${space}${profile}`, (reversed >>> 0).toString(16).toUpperCase(), `${tier}${record[12]}`];
  for (const c of constraints) parts.push(c.toString(16).toUpperCase());
  return parts.join('.');
}
