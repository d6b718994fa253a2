/** What resetting a merchant erases (store/merchant-data-repository.ts implements it). */
export interface MerchantDataRepository {
  /**
   * Erases everything the merchant's API traffic created (objects, idempotency records, outbox and
   * delivery log, timeline, request log, v1 references and access tokens) and keeps its
   * configuration (stores, keys, MWS credentials, test buyers, IPN endpoints and settings).
   */
  erase(merchantId: string): Promise<void>;
}
