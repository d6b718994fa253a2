import { isIP } from 'node:net';
import { AMAZON_HOST_GROUPS } from '../config/amazon-hosts.js';

/**
 * `localpay hosts` and `localpay trust`: what a machine or container needs so that an SDK on its
 * default configuration reaches localpay in the Amazon host-name mode (docs/amazon-hosts.md).
 */
export const HOST_USAGE = `  hosts [--address IP] [--format hosts|compose|docker]
                                          Amazon's host names for /etc/hosts, a compose file's
                                          extra_hosts, or docker run --add-host (LOCALPAY_AMAZON_HOSTS)
  trust                                   how to trust localpay's CA (Node, PHP, Python, Java, .NET, OS)`;

export const HOST_OPTIONS = {
  address: { type: 'string' },
  format: { type: 'string' },
} as const;

const FORMATS = ['hosts', 'compose', 'docker'] as const;
type HostsFormat = (typeof FORMATS)[number];

export function parseHostsFormat(raw: string | undefined): HostsFormat | null {
  return FORMATS.find((format) => format === (raw ?? 'hosts')) ?? null;
}

/** Docker's `host-gateway` stands for the host's address as seen from a container. */
export function validHostsAddress(address: string): boolean {
  return isIP(address) !== 0 || address === 'host-gateway';
}

export function hostsText(address: string, format: HostsFormat): string {
  const header = `# localpay as Amazon Pay (LOCALPAY_AMAZON_HOSTS=1): these names reach ${address}`;
  switch (format) {
    case 'hosts':
      return [
        `${header}; append to /etc/hosts`,
        ...AMAZON_HOST_GROUPS.map(
          (group) => `${address} ${group.hosts.join(' ')}  # ${group.what}`,
        ),
        '',
      ].join('\n');
    case 'compose':
      return [
        `${header}; put under your service in compose.yaml`,
        'extra_hosts:',
        ...AMAZON_HOST_GROUPS.flatMap((group) =>
          group.hosts.map((host) => `  - "${host}:${address}"`),
        ),
        '',
      ].join('\n');
    case 'docker':
      return `${AMAZON_HOST_GROUPS.flatMap((group) => group.hosts.map((host) => `--add-host ${host}:${address}`)).join(' ')}\n`;
  }
}

/** Every runtime the official SDKs run on, with the setting that makes it trust `caPath`. */
export function trustText(caPath: string): string {
  const bundle = '/etc/ssl/certs/ca-certificates.crt';
  return `localpay's local CA: ${caPath}
Trust it where your SDK runs. Replacing a runtime's CA list with this file alone breaks every
other HTTPS call; the lines below add it (or point at a bundle that holds both).

OS store (also used by .NET on Linux, curl, PHP and Python's urllib via OpenSSL):
  Debian/Ubuntu:  cp ${caPath} /usr/local/share/ca-certificates/localpay.crt && update-ca-certificates
  RHEL/Fedora:    cp ${caPath} /etc/pki/ca-trust/source/anchors/localpay.pem && update-ca-trust
  macOS:          sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${caPath}
  Windows:        certutil -addstore -f Root ${caPath}

Without touching the OS store, a bundle of the system CAs plus localpay's:
  cat ${bundle} ${caPath} > localpay-bundle.pem

Node (official v2 SDK, amazon-payments):
  NODE_EXTRA_CA_CERTS=${caPath}          (read at process start; adds to Node's own list)

PHP (v2 SDK and v1 SDK use curl; the v1 IPN handler uses curl too):
  php.ini  curl.cainfo=/path/to/localpay-bundle.pem
           openssl.cafile=/path/to/localpay-bundle.pem
  v1 SDK only: $config['cabundle_file'] = '/path/to/localpay-bundle.pem'

Python (v1 SDK: requests for MWS, urllib for the IPN certificate):
  REQUESTS_CA_BUNDLE=/path/to/localpay-bundle.pem   (requests ignores the OS store: it uses certifi)
  SSL_CERT_FILE=/path/to/localpay-bundle.pem        (urllib, OpenSSL's default)

Java (v2 SDK, Apache HttpClient on the JVM's default trust store):
  keytool -importcert -noprompt -cacerts -storepass changeit -alias localpay -file ${caPath}
  or a store of your own:
  keytool -importcert -noprompt -keystore localpay.jks -storepass changeit -alias localpay -file ${caPath}
  java -Djavax.net.ssl.trustStore=localpay.jks -Djavax.net.ssl.trustStorePassword=changeit ...
  (a store given this way replaces the JVM's list: import the public CAs too if the app needs them)

.NET (v2 SDK, HttpClient): the OS store above (Linux: update-ca-certificates; Windows:
  certutil -addstore Root; macOS: the System keychain).
`;
}
