/**
 * Everything the shop needs to know about its Amazon Pay account: what a merchant copies from
 * Seller Central into its own configuration. Nothing here is specific to localpay except the
 * addresses, which a production shop would leave at Amazon's defaults (see the comments).
 */
export interface ShopConfig {
  /** The shop's own public base URL; return URLs and the IPN endpoint are built from it. */
  readonly shopUrl: string;
  /** Signs the session cookie. */
  readonly cookieSecret: string;
  /** Sandbox: the SDK's sandbox flag, and the shop's simulation controls (seed 000, seed 004). */
  readonly sandbox: boolean;
  readonly amazonPay: AmazonPayAccount;
}

export interface AmazonPayAccount {
  /** Seller Central's Merchant ID (v1: SellerId). */
  readonly merchantId: string;
  /** Store ID (v2) = Login with Amazon client id (v1). */
  readonly storeId: string;
  readonly currency: 'EUR' | 'GBP' | 'USD' | 'JPY';

  /** v2 (Checkout API) credentials for the official SDK. */
  readonly v2: {
    readonly publicKeyId: string;
    readonly privateKey: string;
    /** 'eu', 'uk', 'na' or 'jp' (the SDK's region names). */
    readonly region: string;
    /**
     * host:port of the API. Production: leave unset so the SDK picks pay-api.amazon.eu from the
     * region. Against localpay: its HTTPS listener.
     */
    readonly overrideServiceUrl?: string;
  };

  /** v1 (MWS) credentials for the `amazon-payments` client. */
  readonly v1: {
    readonly mwsAccessKey: string;
    readonly mwsSecretKey: string;
    /** Production: https://mws-eu.amazonservices.com/OffAmazonPayments_Sandbox/2013-01-01 */
    readonly mwsEndpoint: string;
    /** Login with Amazon's API host (tokeninfo, profile). Production: https://api.amazon.com */
    readonly apiEndpoint: string;
    /** Production: https://static-eu.payments-amazon.com/OffAmazonPayments/de/sandbox/lpa/js/Widgets.js */
    readonly widgetsJsUrl: string;
  };

  /**
   * Amazon Pay's buyer-facing pages. Production: the Amazon Pay button comes from
   * https://static-eu.payments-amazon.com/checkout.js (static-na…, static-fe…), and the Saved
   * Wallet update link is https://payments.amazon.eu/jr/your-account/ba/{id}. Against localpay
   * both are served by its HTTP listener.
   */
  readonly buyerPages: {
    /** The checkout.js script the Amazon Pay button pages load. */
    readonly checkoutJsUrl: string;
    /** Seed 004: where a buyer updates the payment method of a Saved Wallet. */
    walletUpdateUrl(chargePermissionId: string): string;
  };

  /** IPN signature checks (ipn-verification.ts). */
  readonly ipn: {
    /**
     * Which hosts may serve the signing certificate. Production: /^sns\.[a-z0-9-]+\.amazonaws\.com$/
     * (pin Amazon's SNS hosts). Against localpay: its own HTTPS host.
     */
    readonly certHost: RegExp;
    /** Extra CA certificates to trust when downloading it (localpay's own CA); none in production. */
    readonly ca?: string;
  };
}
