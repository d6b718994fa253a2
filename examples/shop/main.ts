import { launchShop } from './launch.js';

/**
 * `npm run shop`: localpay and the reference shop in one process, on localpay's embedded store
 * (./.localpay, or LOCALPAY_DATA_DIR). SHOP_PORT (default 3000) and the LOCALPAY_* variables of
 * the README choose ports and folders.
 */
const running = await launchShop({
  shopPort: Number(process.env.SHOP_PORT ?? 3000),
  log: (line) => console.log(`[shop] ${line}`),
});
const merchant = running.localpay.defaultMerchant;

console.log(`
localpay and the reference shop are running

  Shop                        ${running.shopUrl}
  localpay HTTP (buyer pages) ${running.localpay.httpUrl}
  localpay HTTPS (API)        ${running.localpay.httpsHost}
  Merchant                    ${merchant.merchantId} (${merchant.region}, Sandbox)
  IPN endpoint                ${running.shopUrl}/ipn

Open the shop in a browser; Ctrl+C stops both.
`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
