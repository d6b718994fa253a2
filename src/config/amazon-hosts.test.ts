import { describe, expect, it } from 'vitest';
import { subjectNamesFor } from '../http/tls/tls-material.js';
import { AMAZON_HOSTNAMES, SNS_IPN_HOST } from './amazon-hosts.js';
import { loadConfig } from './config.js';

describe('LOCALPAY_AMAZON_HOSTS', () => {
  it('is off by default: port 8443, only the names asked for', () => {
    const config = loadConfig({ LOCALPAY_TLS_HOSTNAMES: 'pay.local' });
    expect(config.amazonHosts).toBe(false);
    expect(config.httpsPort).toBe(8443);
    expect(config.tlsHostnames).toEqual(['pay.local']);
  });

  it('serves 443 and puts every Amazon host in the certificate, besides the names asked for', () => {
    const config = loadConfig({ LOCALPAY_AMAZON_HOSTS: '1', LOCALPAY_TLS_HOSTNAMES: 'pay.local' });
    expect(config.amazonHosts).toBe(true);
    expect(config.httpsPort).toBe(443);
    expect(config.tlsHostnames).toEqual(['pay.local', ...AMAZON_HOSTNAMES]);
    // Every entry is a name the certificate code accepts.
    expect(subjectNamesFor(config.tlsHostnames).dnsNames).toEqual(
      expect.arrayContaining([...AMAZON_HOSTNAMES]),
    );
  });

  it('leaves the port to LOCALPAY_HTTPS_PORT when given (a forward from 443)', () => {
    expect(
      loadConfig({ LOCALPAY_AMAZON_HOSTS: 'true', LOCALPAY_HTTPS_PORT: '8443' }).httpsPort,
    ).toBe(8443);
  });

  it('refuses a value that is not a switch', () => {
    expect(() => loadConfig({ LOCALPAY_AMAZON_HOSTS: 'yes please' })).toThrow(
      "LOCALPAY_AMAZON_HOSTS must be 1 or 0 (true/false, on/off), got 'yes please'.",
    );
  });

  it('names the hosts every SDK calls, and the SNS host the IPN handlers accept', () => {
    expect(AMAZON_HOSTNAMES).toEqual(
      expect.arrayContaining([
        'pay-api.amazon.com',
        'pay-api.amazon.eu',
        'pay-api.amazon.jp',
        'mws.amazonservices.com',
        'mws-eu.amazonservices.com',
        'mws.amazonservices.jp',
        'api.sandbox.amazon.com',
        'api.amazon.co.uk',
        'api.sandbox.amazon.de',
        'api.amazon.co.jp',
        'static-eu.payments-amazon.com',
        SNS_IPN_HOST,
      ]),
    );
    // The pattern of PHP v1 IpnHandler, Python v1 ipn_handler.py and amazon-payments.
    expect(SNS_IPN_HOST).toMatch(/^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$/);
    expect(new Set(AMAZON_HOSTNAMES).size).toBe(AMAZON_HOSTNAMES.length);
  });
});
