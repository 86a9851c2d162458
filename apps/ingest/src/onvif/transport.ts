/**
 * SOAP over HTTP with hard limits: one deadline for the whole exchange (connect, headers and body,
 * so a camera that trickles bytes cannot hold a call open), a cap on the answer's size (reading stops
 * there), and the safe XML parser. Faults come back as typed errors.
 */
import { Agent, request } from 'node:http';
import { OnvifError } from './errors';
import { child, parseXml, text, type XmlNode } from '@cctv/safe-xml';

export interface SoapCallOptions {
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface SoapAnswer {
  status: number;
  xml: string;
  doc: XmlNode;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

const agent = new Agent({ keepAlive: true, maxSockets: 4, timeout: 30_000 });

/** POSTs raw bytes and returns the raw answer, within the deadline and size cap. */
export function httpPost(
  url: string,
  body: string,
  headers: Record<string, string>,
  o: SoapCallOptions = {},
): Promise<{ status: number; body: string }> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return reject(new OnvifError('unexpected', `not a URL: ${url}`));
    }
    if (target.protocol !== 'http:')
      return reject(new OnvifError('unexpected', `unsupported scheme ${target.protocol}`));
    let settled = false;
    const finish = (err: OnvifError | null, value?: { status: number; body: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value!);
    };
    const onAbort = (): void => finish(new OnvifError('aborted', 'call aborted'));
    const timer = setTimeout(
      () => finish(new OnvifError('timeout', `no complete answer from ${target.host} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const req = request(
      target,
      { method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        const declared = Number(res.headers['content-length'] ?? '0');
        if (declared > maxBytes)
          return finish(new OnvifError('tooLarge', `answer of ${declared} bytes is over the ${maxBytes}-byte cap`));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return finish(new OnvifError('tooLarge', `answer is over the ${maxBytes}-byte cap`));
          chunks.push(chunk);
        });
        res.on('end', () =>
          finish(null, { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (err) => finish(new OnvifError('unreachable', err.message)));
      },
    );
    req.on('error', (err) => finish(new OnvifError('unreachable', `${target.host}: ${err.message}`)));
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort);
    req.end(body);
  });
}

/** Sends a SOAP 1.2 envelope; resolves with the parsed answer or rejects with an OnvifError. */
export async function soapCall(url: string, envelope: string, o: SoapCallOptions = {}): Promise<SoapAnswer> {
  const { status, body } = await httpPost(url, envelope, { 'Content-Type': 'application/soap+xml; charset=utf-8' }, o);
  return readSoapAnswer(status, body, o.maxBytes);
}

/** Checks and parses a SOAP answer (pure; also used on answers the onvif library fetched through us). */
export function readSoapAnswer(status: number, xml: string, maxBytes = DEFAULT_MAX_BYTES): SoapAnswer {
  if (status === 401) throw new OnvifError('notAuthorized', 'HTTP 401 from the camera');
  const parsed = parseXml(xml, maxBytes);
  if (!parsed.ok) {
    if (parsed.hostile) throw new OnvifError('hostileXml', `refused the answer: ${parsed.reason}`);
    throw new OnvifError('malformed', `HTTP ${status}: ${parsed.reason}`);
  }
  const body = child(parsed.doc, 'Envelope', 'Body');
  if (body === undefined || typeof body !== 'object')
    throw new OnvifError('malformed', `HTTP ${status}: not a SOAP envelope`);
  const fault = child(body, 'Fault');
  if (fault !== undefined) {
    const subcode = text(fault, 'Code', 'Subcode', 'Value') ?? text(fault, 'faultcode') ?? '';
    const reason = text(fault, 'Reason', 'Text') ?? text(fault, 'faultstring') ?? 'no reason given';
    const auth = /NotAuthorized|FailedAuthentication/i.test(subcode) || /not authori[sz]ed/i.test(reason);
    throw new OnvifError(
      auth ? 'notAuthorized' : 'soapFault',
      `SOAP fault ${subcode}: ${reason}`,
      subcode || undefined,
    );
  }
  if (status >= 400) throw new OnvifError('unexpected', `HTTP ${status} without a SOAP fault`);
  return { status, xml, doc: parsed.doc };
}
