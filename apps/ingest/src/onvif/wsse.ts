/**
 * WS-Security UsernameToken with PasswordDigest (OASIS UsernameToken Profile 1.0, as ONVIF Core 5.12
 * requires): Base64(SHA-1(nonce + Created + password)). Created is the camera's clock, so the caller
 * passes its own time plus the offset read from the camera unauthenticated.
 */
import { createHash, randomBytes } from 'node:crypto';
import { escapeXml } from '@cctv/safe-xml';

export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

/** The `<Security>` header element for one request. */
export function securityHeader(
  username: string,
  password: string,
  cameraNowMs: number,
  nonce: Buffer = randomBytes(16),
): string {
  const created = new Date(cameraNowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<Security s:mustUnderstand="1" xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
    `<UsernameToken><Username>${escapeXml(username)}</Username>` +
    '<Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">' +
    `${passwordDigest(nonce, created, password)}</Password>` +
    '<Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">' +
    `${nonce.toString('base64')}</Nonce>` +
    `<Created xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">${created}</Created>` +
    '</UsernameToken></Security>'
  );
}

/** A SOAP 1.2 envelope with an optional header. */
export function soapEnvelope(body: string, header = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
    `<s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`
  );
}
