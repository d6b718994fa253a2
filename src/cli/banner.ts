import type { RunningLocalpay } from '../main.js';

/** In the Amazon host-name mode the SDKs need no override: say where the names come from. */
function amazonHostLines(running: RunningLocalpay): string[] {
  return [
    '  Answering as Amazon (LOCALPAY_AMAZON_HOSTS): pay-api.amazon.*, mws*.amazonservices.*,',
    '  api(.sandbox).amazon.*, static-*.payments-amazon.com, sns.*.amazonaws.com',
    `    IPN certificates  ${running.ipn.signingCertUrl}`,
    '    name them         localpay hosts   (lines for /etc/hosts, or --format compose|docker)',
    '    trust the CA      localpay trust',
    '    then every SDK on its default endpoints reaches localpay: no override needed',
    '',
  ];
}

/** The start banner: what a merchant pastes into the official SDK's configuration. */
export function startBanner(
  running: RunningLocalpay,
  options: { readonly amazonHosts: boolean } = { amazonHosts: false },
): string {
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
    ...(options.amazonHosts ? amazonHostLines(running) : []),
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
    // As Amazon, the SDK's default endpoint is localpay: no override.
    ...(options.amazonHosts ? [] : [`      overrideServiceUrl: '${running.httpsHost}',`]),
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
