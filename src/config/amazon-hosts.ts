/**
 * The host names Amazon Pay's official clients call, for the mode in which localpay answers as
 * Amazon (LOCALPAY_AMAZON_HOSTS=1, docs/amazon-hosts.md): these names go into the server
 * certificate, `localpay hosts` prints them for /etc/hosts, and an SDK left on its defaults then
 * reaches localpay on port 443 without a code change. Each group cites where the SDKs name it.
 */
export interface AmazonHostGroup {
  readonly what: string;
  readonly hosts: readonly string[];
}

/** SNS regions whose certificate host (`sns.<region>.amazonaws.com`) localpay can answer as. */
const SNS_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-northeast-1',
] as const;

/**
 * Where IPN envelopes say the signing certificate is in this mode. The SDKs' IPN handlers accept
 * only `^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$` (PHP v1 IpnHandler, Python v1
 * ipn_handler.py, amazon-payments parseSNSResponse); us-east-1 is the host of spec v1 §6.1's example.
 */
export const SNS_IPN_HOST = 'sns.us-east-1.amazonaws.com';

export const AMAZON_HOST_GROUPS: readonly AmazonHostGroup[] = [
  {
    // spec v2 §1.1: Node, PHP and Java API_ENDPOINTS / ServiceConstants, .NET ApiUrlBuilder.
    what: 'v2 API',
    hosts: ['pay-api.amazon.com', 'pay-api.amazon.eu', 'pay-api.amazon.jp'],
  },
  {
    // PHP v1 Regions.php, Python v1 ap_region.py, amazon-payments environment.js.
    what: 'v1 MWS API',
    hosts: ['mws.amazonservices.com', 'mws-eu.amazonservices.com', 'mws.amazonservices.jp'],
  },
  {
    // spec v1 §1.1 (LWA profile hosts): PHP v1 profileEndpointUrls, Python lwa_region.py,
    // amazon-payments apiEndpoint; `/auth/o2/tokeninfo` and `/user/profile`.
    what: 'Login with Amazon API',
    hosts: ['com', 'co.uk', 'de', 'co.jp'].flatMap((tld) => [
      `api.amazon.${tld}`,
      `api.sandbox.amazon.${tld}`,
    ]),
  },
  {
    // spec v1 §7.1 (Widgets.js URLs) and spec v2 §1.1 (checkout.js hosts).
    what: 'static scripts (Widgets.js)',
    hosts: ['na', 'eu', 'fe'].map((region) => `static-${region}.payments-amazon.com`),
  },
  {
    // IPN SigningCertURL hosts (spec v1 §6.3): the handlers download the certificate from here.
    what: 'SNS (IPN signing certificate)',
    hosts: SNS_REGIONS.map((region) => `sns.${region}.amazonaws.com`),
  },
];

/** Every name, in catalogue order. */
export const AMAZON_HOSTNAMES: readonly string[] = AMAZON_HOST_GROUPS.flatMap((g) => g.hosts);
