/**
 * `localpay/testing`: what a merchant's own test suite imports (DESIGN.md §4, §8). A fresh
 * localpay per suite, merchants with keys, the official SDK's configuration, clocks, headless
 * buyers (v2 and v1) with challenge control, and an IPN receiver and verifier.
 */
export {
  createTestPlatform,
  type SdkConfig,
  type TestMerchant,
  type TestPlatform,
} from './test-platform.js';
export { createBuyer, type Buyer, type ChallengeAnswer, type CheckoutChoice } from './buyer.js';
export {
  createV1Buyer,
  type FlowResult,
  type V1Buyer,
  type V1ChallengeAnswer,
  type V1ContractChoice,
} from './v1-buyer.js';
export {
  startIpnReceiver,
  type IpnReceiver,
  type IpnResponder,
  type IpnResponse,
  type ReceivedIpn,
} from './ipn-receiver.js';
export {
  IpnVerificationError,
  verifyIpn,
  type IpnVerificationOptions,
  type VerifiedIpn,
} from './ipn-verification.js';
