/** The slice of the official v2 Node SDK the tests use; the package ships no types. */
/* eslint-disable @typescript-eslint/no-unused-vars -- ambient declarations of the SDK's classes */
declare module '@amazonpay/amazon-pay-api-sdk-nodejs' {
  interface SdkResponse<T = Record<string, unknown>> {
    status: number;
    data: T;
    headers: Record<string, string>;
  }
  type Headers = Record<string, string> | null;
  class AmazonPayClient {
    constructor(config: Record<string, unknown>);
    getSignedHeaders(options: {
      method: string;
      urlFragment: string;
      payload?: unknown;
      headers?: Headers;
      queryParams?: unknown;
    }): Record<string, string>;
    generateButtonSignature(payload: unknown): string;
    /** The generic request every convenience method goes through (paths only PHP/Java name). */
    apiCall(
      options: {
        method: string;
        urlFragment: string;
        payload?: unknown;
        headers?: Headers;
        queryParams?: unknown;
      },
      maxRedirects?: number,
    ): Promise<SdkResponse>;
    getAuthorizationToken(
      mwsAuthToken: string,
      merchantId: string,
      headers?: Headers,
    ): Promise<SdkResponse>;
  }
  class InStoreClient extends AmazonPayClient {
    merchantScan(payload: unknown, headers?: Headers): Promise<SdkResponse>;
    charge(payload: unknown, headers?: Headers): Promise<SdkResponse>;
    refund(payload: unknown, headers?: Headers): Promise<SdkResponse>;
  }
  class WebStoreClient extends AmazonPayClient {
    createCheckoutSession(payload: unknown, headers: Headers): Promise<SdkResponse>;
    getCheckoutSession(id: string, headers?: Headers): Promise<SdkResponse>;
    updateCheckoutSession(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    completeCheckoutSession(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    finalizeCheckoutSession(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    getChargePermission(id: string, headers?: Headers): Promise<SdkResponse>;
    updateChargePermission(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    closeChargePermission(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    createCharge(payload: unknown, headers: Headers): Promise<SdkResponse>;
    getCharge(id: string, headers?: Headers): Promise<SdkResponse>;
    captureCharge(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    cancelCharge(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    createRefund(payload: unknown, headers: Headers): Promise<SdkResponse>;
    getRefund(id: string, headers?: Headers): Promise<SdkResponse>;
    getBuyer(buyerToken: string, headers?: Headers): Promise<SdkResponse>;
    deliveryTrackers(payload: unknown, headers?: Headers): Promise<SdkResponse>;
    // Reports, disputes and files (the back office).
    getReports(query?: Record<string, unknown> | null, headers?: Headers): Promise<SdkResponse>;
    getReportById(id: string, headers?: Headers): Promise<SdkResponse>;
    getReportDocument(id: string, headers?: Headers): Promise<SdkResponse>;
    getReportSchedules(
      reportTypes?: string | string[] | null,
      headers?: Headers,
    ): Promise<SdkResponse>;
    getReportScheduleById(id: string, headers?: Headers): Promise<SdkResponse>;
    createReport(payload: unknown, headers: Headers): Promise<SdkResponse>;
    createReportSchedule(payload: unknown, headers: Headers): Promise<SdkResponse>;
    cancelReportSchedule(id: string, headers?: Headers): Promise<SdkResponse>;
    createDispute(payload: unknown, headers: Headers): Promise<SdkResponse>;
    getDispute(id: string, headers?: Headers): Promise<SdkResponse>;
    updateDispute(id: string, payload: unknown, headers: Headers): Promise<SdkResponse>;
    contestDispute(id: string, payload: unknown, headers: Headers): Promise<SdkResponse>;
    uploadFile(payload: unknown, headers: Headers): Promise<SdkResponse>;
    updateCharge(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    registerAmazonPayAccount(payload: unknown, headers?: Headers): Promise<SdkResponse>;
    updateAmazonPayAccount(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    deleteAmazonPayAccount(id: string, headers?: Headers): Promise<SdkResponse>;
    createMerchantAccount(payload: unknown, headers?: Headers): Promise<SdkResponse>;
    updateMerchantAccount(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
    merchantAccountClaim(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>;
  }
  const sdk: {
    AmazonPayClient: typeof AmazonPayClient;
    WebStoreClient: typeof WebStoreClient;
    InStoreClient: typeof InStoreClient;
  };
  export default sdk;
}
