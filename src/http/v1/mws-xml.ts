import { XMLBuilder } from 'fast-xml-parser';
import type { XmlContent, XmlValue } from '../../app/ports.js';

/**
 * MWS XML (spec v1 §1.6, §4.1): the default namespace on the root exactly as the SDKs expect
 * (Java strips it with a regex; a prefixed form breaks it), built and escaped by fast-xml-parser.
 */
export const MWS_NAMESPACE = 'http://mws.amazonservices.com/schema/OffAmazonPayments/2013-01-01';
/** The MWS Reports API's namespace (Reports API reference, 2009-01-01, every response example). */
export const REPORTS_NAMESPACE = 'http://mws.amazonaws.com/doc/2009-01-01/';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

type BuilderValue = string | BuilderObject | BuilderValue[];
interface BuilderObject {
  [name: string]: BuilderValue;
}

function convert(value: XmlValue): BuilderValue | undefined {
  if (value === null) return undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return toBuilder(value);
}

function toBuilder(content: XmlContent): BuilderObject | string {
  const out: BuilderObject = {};
  for (const [name, raw] of Object.entries(content)) {
    const values = (Array.isArray(raw) ? raw : [raw]) as readonly XmlValue[];
    const converted = values.map(convert).filter((v): v is BuilderValue => v !== undefined);
    if (converted.length === 0) continue;
    out[name] = Array.isArray(raw) ? converted : (converted[0] as BuilderValue);
  }
  // An element without children is written empty (<Result/>).
  return Object.keys(out).length === 0 ? '' : out;
}

const DECLARATION = '<?xml version="1.0"?>\n';

/**
 * `<{Action}Response xmlns=…>[<{Action}Result>…</…>]<ResponseMetadata><RequestId>…` (spec v1 §1.6);
 * `result` undefined leaves the Result element out (ConfirmOrderReference, CloseOrderReference).
 */
export function renderResponse(
  action: string,
  result: XmlContent | undefined,
  requestId: string,
  namespace: string = MWS_NAMESPACE,
): string {
  const body: BuilderObject = { '@_xmlns': namespace };
  if (result !== undefined) body[`${action}Result`] = toBuilder(result);
  body.ResponseMetadata = { RequestId: requestId };
  return DECLARATION + builder.build({ [`${action}Response`]: body });
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` (spec v1 §4.1). */
export function renderError(
  type: 'Sender' | 'Receiver',
  code: string,
  message: string,
  requestId: string,
  namespace: string = MWS_NAMESPACE,
): string {
  return (
    DECLARATION +
    builder.build({
      ErrorResponse: {
        '@_xmlns': namespace,
        Error: { Type: type, Code: code, Message: message },
        RequestId: requestId,
      },
    })
  );
}
