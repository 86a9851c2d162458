import { BitReader, unescapeRbsp } from './bitReader';

/** What a decoder and a tile need to know about an H.264 stream. */
export interface AvcConfig {
  /** WebCodecs / MSE codec string, `avc1.PPCCLL`. */
  codec: string;
  width: number;
  height: number;
  profile: number;
  level: number;
  /** Bytes of each length prefix in the samples (1, 2 or 4). */
  nalLengthSize: number;
  sps: Uint8Array[];
  pps: Uint8Array[];
}

const hex = (n: number): string => n.toString(16).padStart(2, '0');

/** Parses an AVCDecoderConfigurationRecord (ISO/IEC 14496-15), as carried by FLV and MP4. */
export function parseAvcDecoderConfig(record: Uint8Array): AvcConfig {
  if (record.length < 7) throw new RangeError(`avcC: ${record.length} bytes is too short`);
  if (record[0] !== 1) throw new RangeError(`avcC: unknown configuration version ${record[0]}`);
  const nalLengthSize = (record[4]! & 0x03) + 1;
  if (nalLengthSize === 3) throw new RangeError('avcC: a NAL length size of 3 is not allowed');
  let p = 6;
  const readSet = (count: number): Uint8Array[] => {
    const sets: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      if (p + 2 > record.length) throw new RangeError('avcC: truncated parameter set length');
      const len = (record[p]! << 8) | record[p + 1]!;
      p += 2;
      if (p + len > record.length) throw new RangeError('avcC: truncated parameter set');
      sets.push(record.subarray(p, p + len));
      p += len;
    }
    return sets;
  };
  const sps = readSet(record[5]! & 0x1f);
  if (p >= record.length) throw new RangeError('avcC: missing picture parameter sets');
  const pps = readSet(record[p++]!);
  const first = sps[0];
  if (!first) throw new RangeError('avcC: no sequence parameter set');
  const info = parseSps(first);
  return {
    codec: `avc1.${hex(record[1]!)}${hex(record[2]!)}${hex(record[3]!)}`,
    width: info.width,
    height: info.height,
    profile: record[1]!,
    level: record[3]!,
    nalLengthSize,
    sps,
    pps,
  };
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

/** Reads the picture size (after cropping) from a sequence parameter set NAL unit. */
export interface SpsInfo {
  width: number;
  height: number;
  profile: number;
  level: number;
  /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (1 unless a high profile says otherwise). */
  chromaFormat: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
}

export function parseSps(nal: Uint8Array): SpsInfo {
  if (nal.length < 4 || (nal[0]! & 0x1f) !== 7) throw new RangeError('sps: not a sequence parameter set');
  const r = new BitReader(unescapeRbsp(nal.subarray(1)));
  const profile = r.u(8);
  r.u(8); // constraint flags
  const level = r.u(8);
  r.ue(); // seq_parameter_set_id
  let chromaFormat = 1;
  let bitDepthLuma = 8;
  let bitDepthChroma = 8;
  if (HIGH_PROFILES.has(profile)) {
    chromaFormat = r.ue();
    if (chromaFormat === 3) r.u(1);
    bitDepthLuma = r.ue() + 8;
    bitDepthChroma = r.ue() + 8;
    r.u(1); // qpprime_y_zero_transform_bypass_flag
    if (r.u(1)) {
      for (let i = 0; i < (chromaFormat !== 3 ? 8 : 12); i++) if (r.u(1)) skipScalingList(r, i < 6 ? 16 : 64);
    }
  }
  r.ue(); // log2_max_frame_num_minus4
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.u(1);
    r.se();
    r.se();
    const n = r.ue();
    for (let i = 0; i < n; i++) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.u(1); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.u(1);
  if (!frameMbsOnly) r.u(1);
  r.u(1); // direct_8x8_inference_flag
  let [cl, cr, ct, cb] = [0, 0, 0, 0];
  if (r.u(1)) {
    cl = r.ue();
    cr = r.ue();
    ct = r.ue();
    cb = r.ue();
  }
  const subW = chromaFormat === 1 || chromaFormat === 2 ? 2 : 1;
  const subH = chromaFormat === 1 ? 2 : 1;
  const cropUnitX = chromaFormat === 0 ? 1 : subW;
  const cropUnitY = (chromaFormat === 0 ? 1 : subH) * (2 - frameMbsOnly);
  return {
    width: widthMbs * 16 - cropUnitX * (cl + cr),
    height: (2 - frameMbsOnly) * heightMapUnits * 16 - cropUnitY * (ct + cb),
    profile,
    level,
    chromaFormat,
    bitDepthLuma,
    bitDepthChroma,
  };
}

/**
 * Builds an AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1) from parameter sets received in
 * band or in an SDP, with 4-byte NAL lengths, and the chroma / bit-depth fields high profiles carry.
 */
export function buildAvcDecoderConfig(sps: readonly Uint8Array[], pps: readonly Uint8Array[]): Uint8Array {
  const first = sps[0];
  if (!first || first.length < 4) throw new RangeError('avcC: a sequence parameter set is needed');
  if (pps.length === 0) throw new RangeError('avcC: a picture parameter set is needed');
  if (sps.length > 31 || pps.length > 255) throw new RangeError('avcC: too many parameter sets');
  const info = parseSps(first);
  const high = HIGH_PROFILES.has(info.profile);
  const size =
    6 + sps.reduce((n, s) => n + 2 + s.length, 0) + 1 + pps.reduce((n, p) => n + 2 + p.length, 0) + (high ? 4 : 0);
  const out = new Uint8Array(size);
  let p = 0;
  out[p++] = 1;
  out[p++] = first[1]!;
  out[p++] = first[2]!;
  out[p++] = first[3]!;
  out[p++] = 0xfc | 3; // 4-byte NAL lengths
  out[p++] = 0xe0 | sps.length;
  const put = (nal: Uint8Array) => {
    if (nal.length > 0xffff) throw new RangeError('avcC: parameter set too long');
    out[p++] = nal.length >> 8;
    out[p++] = nal.length & 0xff;
    out.set(nal, p);
    p += nal.length;
  };
  sps.forEach(put);
  out[p++] = pps.length;
  pps.forEach(put);
  if (high) {
    out[p++] = 0xfc | info.chromaFormat;
    out[p++] = 0xf8 | (info.bitDepthLuma - 8);
    out[p++] = 0xf8 | (info.bitDepthChroma - 8);
    out[p++] = 0; // no SPS extensions
  }
  return out;
}

/** Splits AVCC samples (length-prefixed NAL units) into NAL units. */
export function splitAvcc(sample: Uint8Array, nalLengthSize = 4): Uint8Array[] {
  const nals: Uint8Array[] = [];
  let p = 0;
  while (p + nalLengthSize <= sample.length) {
    let len = 0;
    for (let i = 0; i < nalLengthSize; i++) len = len * 256 + sample[p + i]!;
    p += nalLengthSize;
    if (p + len > sample.length) throw new RangeError('avcc: NAL unit runs past the sample');
    nals.push(sample.subarray(p, p + len));
    p += len;
  }
  if (p !== sample.length) throw new RangeError('avcc: trailing bytes after the last NAL unit');
  return nals;
}
