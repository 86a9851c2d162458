/**
 * Safe XML for everything read from the network in ONVIF (SOAP requests and answers, WS-Discovery
 * datagrams). Hostile input is refused before parsing: SOAP forbids DTDs (SOAP 1.2 part 1, 5), so a
 * document with `<!DOCTYPE` or `<!ENTITY` is refused outright, which rules out external entities and
 * entity expansion; size is capped and nesting is limited by the parser. Namespace prefixes are
 * stripped, so vendors' prefixes (tds:, ns0:, none) all match.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element: attributes as `@_name`, text as `#text` (when it also has attributes or children). */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

export type XmlResult = { ok: true; doc: XmlNode } | { ok: false; hostile: boolean; reason: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true, // only the five predefined entities remain possible once DTDs are refused
  htmlEntities: false,
  trimValues: true,
  maxNestedTags: 64,
});

export function parseXml(text: string, maxBytes = 1024 * 1024): XmlResult {
  if (Buffer.byteLength(text, 'utf8') > maxBytes)
    return { ok: false, hostile: false, reason: `document larger than ${maxBytes} bytes` };
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return { ok: false, hostile: true, reason: 'DTDs and entity declarations are not allowed' };
  try {
    const valid = XMLValidator.validate(text);
    if (valid !== true) return { ok: false, hostile: false, reason: `not well-formed XML: ${valid.err.msg}` };
    const doc: unknown = parser.parse(text);
    if (typeof doc !== 'object' || doc === null) return { ok: false, hostile: false, reason: 'empty document' };
    return { ok: true, doc: doc as XmlNode };
  } catch (err) {
    return { ok: false, hostile: false, reason: `XML parse failed: ${(err as Error).message}` };
  }
}

/** Follows a path of local names; the first element where a name repeats. */
export function child(node: XmlValue | undefined, ...path: string[]): XmlValue | undefined {
  let cur: XmlValue | undefined = node;
  for (const name of path) {
    if (Array.isArray(cur)) cur = cur[0];
    if (cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as XmlNode)[name];
  }
  return Array.isArray(cur) ? cur[0] : cur;
}

/** Every element at the end of the path, as a list. */
export function children(node: XmlValue | undefined, ...path: string[]): XmlValue[] {
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const parent = child(node, ...parentPath);
  if (!last || parent === undefined || typeof parent !== 'object' || Array.isArray(parent)) return [];
  const v = parent[last];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** The text of an element (or of `#text` beside attributes). */
export function text(node: XmlValue | undefined, ...path: string[]): string | undefined {
  const v = child(node, ...path);
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v['#text'] === 'string') return v['#text'];
  return undefined;
}

export function attr(node: XmlValue | undefined, name: string): string | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const v = node[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]!};`);
}
