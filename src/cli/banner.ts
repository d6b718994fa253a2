import type { RunningLocalpay } from '../main.js';

/** The start banner: what a merchant pastes into the official SDK's configuration. */
export function startBanner(running: RunningLocalpay): string {
  const m = running.defaultMerchant;
  const region = m.region === 'NA' ? 'na' : m.region === 'JP' ? 'jp' : m.region.toLowerCase();
  return [
    'localpay is running',
    '',
    `  HTTPS API (overrideServiceUrl)  ${running.httpsHost}`,
    `  HTTP (browsers, admin, tools)   ${running.httpUrl}`,
    `  CA certificate                  ${running.tls.caCertPath}`,
    `  Admin API                       ${running.httpUrl}/_localpay`,
    `  Console                         ${running.httpUrl}/console`,
    '',
    '  Default sandbox merchant',
    `    merchantId    ${m.merchantId}`,
    `    storeId       ${m.storeId}`,
    `    region        ${region}`,
    `    publicKeyId   ${m.publicKeyId}`,
    `    privateKey    ${m.privateKeyPath}`,
    '',
    '  Node SDK (@amazonpay/amazon-pay-api-sdk-nodejs):',
    '    new Client.WebStoreClient({',
    `      publicKeyId: '${m.publicKeyId}',`,
    `      privateKey: fs.readFileSync('${m.privateKeyPath}'),`,
    `      region: '${region}',`,
    `      sandbox: true,`,
    `      overrideServiceUrl: '${running.httpsHost}',`,
    '    })',
    `  Clients that verify TLS: NODE_EXTRA_CA_CERTS=${running.tls.caCertPath}`,
    '',
    '  v1 MWS API (amazon-payments, SDK override URLs)',
    `    endpoint      ${running.httpUrl}/OffAmazonPayments_Sandbox/2013-01-01`,
    `    SellerId      ${m.merchantId}`,
    `    AccessKey     ${m.mwsAccessKeyId ?? '(run: localpay mws-keys add)'}`,
    `    SecretKey     ${m.mwsSecretKey ?? ''}`,
    `    Widgets.js    ${running.httpUrl}/OffAmazonPayments/${region === 'eu' ? 'de' : region === 'na' ? 'us' : region}/sandbox${region === 'na' ? '' : '/lpa'}/js/Widgets.js`,
    '',
  ].join('\n');
}
