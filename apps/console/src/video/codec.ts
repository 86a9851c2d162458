/** Binary attachments arrive as ArrayBuffer in browsers and Uint8Array/Buffer in Node. */
export function toBytes(data: Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export interface AvcCodecInfo {
  profile: number;
  constraints: number;
  level: number;
}

/** Parses `avc1.PPCCLL` (hex profile, constraint flags, level). */
export function parseAvcCodec(codec: string): AvcCodecInfo | null {
  const m = /^avc[13]\.([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(codec);
  if (!m) return null;
  return { profile: parseInt(m[1]!, 16), constraints: parseInt(m[2]!, 16), level: parseInt(m[3]!, 16) };
}

/** The codec string an avcC record implies (bytes 1..3: profile, compatibility, level). */
export function codecFromAvcC(avcC: Uint8Array): string | null {
  if (avcC.length < 4 || avcC[0] !== 1) return null;
  const hex = (b: number) => b.toString(16).padStart(2, '0');
  return `avc1.${hex(avcC[1]!)}${hex(avcC[2]!)}${hex(avcC[3]!)}`;
}

export function isH264(codec: string): boolean {
  return /^avc[13]\./i.test(codec);
}

export function isHevc(codec: string): boolean {
  return /^(hvc1|hev1)\./i.test(codec);
}

/** MIME type for MediaSource with this codec. */
export function mseMimeType(codec: string): string {
  return `video/mp4; codecs="${codec}"`;
}
