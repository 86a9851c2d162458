/**
 * The closed set of ways an ONVIF call can fail. Every network call in this module ends in a value
 * or in one of these: nothing hangs, nothing crashes the service.
 */
export type OnvifErrorCode =
  /** No answer (or not all of it) within the deadline. */
  | 'timeout'
  /** Connection refused, reset, unreachable host. */
  | 'unreachable'
  /** The answer was larger than allowed. */
  | 'tooLarge'
  /** Not well-formed XML, or not a SOAP envelope. */
  | 'malformed'
  /** A DTD or entity declaration (XXE, entity expansion): refused unread. */
  | 'hostileXml'
  /** The camera refused the credentials (ter:NotAuthorized, HTTP 401). */
  | 'notAuthorized'
  /** Any other SOAP fault. */
  | 'soapFault'
  /** Well-formed, but not the answer the operation expects. */
  | 'unexpected'
  /** The caller gave up (closed the device, aborted). */
  | 'aborted';

export class OnvifError extends Error {
  override readonly name = 'OnvifError';
  constructor(
    readonly code: OnvifErrorCode,
    message: string,
    /** The SOAP fault subcode (e.g. ter:NotAuthorized) when there is one. */
    readonly subcode?: string,
  ) {
    super(message);
  }
}

export function isOnvifError(e: unknown, code?: OnvifErrorCode): e is OnvifError {
  return e instanceof OnvifError && (code === undefined || e.code === code);
}
