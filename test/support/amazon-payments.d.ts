/** The parts of the unofficial `amazon-payments` npm client (0.2.9) the v1 tests use. */
declare module 'amazon-payments' {
  type Callback = (
    error: (Error & { body?: unknown }) | null,
    response?: Record<string, unknown>,
  ) => void;
  interface Environment {
    mwsEndpoint: string;
    apiEndpoint: string;
  }
  interface ConnectOptions {
    environment: Environment;
    sellerId: string;
    mwsAccessKey: string;
    mwsSecretKey: string;
    clientId?: string;
  }
  interface AmazonPayments {
    callMwsMethod(
      action: string,
      version: string,
      params: Record<string, unknown>,
      callback: Callback,
    ): void;
    offAmazonPayments: Record<
      string,
      (params: Record<string, unknown>, callback: Callback) => void
    >;
    /** The MWS Reports section (lib/reports.js, Version 2009-01-01). */
    reports: Record<string, (params: Record<string, unknown>, callback: Callback) => void>;
    api: {
      getTokenInfo(token: string, callback: Callback): void;
      getProfile(token: string, callback: Callback): void;
    };
  }
  export function connect(options: ConnectOptions): AmazonPayments;
  export const Environment: Record<string, Environment>;
}
