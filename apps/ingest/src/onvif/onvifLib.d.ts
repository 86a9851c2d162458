/**
 * The parts of the `onvif` package (0.8.x) that the adapter reaches beyond its published types:
 * the transport hook and WS-Security header it replaces, and its SOAP-to-object parser.
 */
declare module 'onvif/lib/utils.js' {
  type ParseCallback = (err: Error | null, data: unknown, xml: string, statusCode?: number) => void;
  const utils: {
    parseSOAPString(xml: string, callback: ParseCallback, statusCode: number): void;
    linerase(xml: unknown): unknown;
  };
  export default utils;
}
