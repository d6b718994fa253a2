import { describe, expect, it } from 'vitest';
import { AMAZON_HOSTNAMES } from '../config/amazon-hosts.js';
import { hostsText, parseHostsFormat, trustText, validHostsAddress } from './host-commands.js';

describe('localpay hosts', () => {
  it('prints /etc/hosts lines that map every Amazon host to the address', () => {
    const text = hostsText('10.0.0.5', 'hosts');
    const mapped = text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .flatMap((line) => {
        const [address, ...names] = line.replace(/#.*$/, '').trim().split(/\s+/);
        expect(address).toBe('10.0.0.5');
        return names;
      });
    expect(mapped).toEqual([...AMAZON_HOSTNAMES]);
  });

  it('prints compose extra_hosts and docker --add-host forms', () => {
    const compose = hostsText('host-gateway', 'compose');
    expect(compose).toContain('extra_hosts:\n  - "pay-api.amazon.com:host-gateway"\n');
    expect(compose.match(/^ {2}- "/gm)).toHaveLength(AMAZON_HOSTNAMES.length);
    expect(hostsText('172.18.0.2', 'docker')).toMatch(
      /^--add-host pay-api\.amazon\.com:172\.18\.0\.2 --add-host /,
    );
  });

  it('checks its options', () => {
    expect(parseHostsFormat(undefined)).toBe('hosts');
    expect(parseHostsFormat('yaml')).toBeNull();
    expect(validHostsAddress('::1')).toBe(true);
    expect(validHostsAddress('host-gateway')).toBe(true);
    expect(validHostsAddress('localpay.internal')).toBe(false);
  });
});

describe('localpay trust', () => {
  it('names the CA file in the setting of every runtime', () => {
    const text = trustText('/data/tls/ca.pem');
    for (const line of [
      'NODE_EXTRA_CA_CERTS=/data/tls/ca.pem',
      'curl.cainfo=',
      'openssl.cafile=',
      "cabundle_file'",
      'REQUESTS_CA_BUNDLE=',
      'SSL_CERT_FILE=',
      'keytool -importcert -noprompt -cacerts -storepass changeit -alias localpay -file /data/tls/ca.pem',
      '-Djavax.net.ssl.trustStore=',
      'update-ca-certificates',
      'certutil -addstore -f Root /data/tls/ca.pem',
    ])
      expect(text).toContain(line);
  });
});
