/**
 * The SNS names in an envelope. Amazon's topic is named after the marketplace and the seller
 * (`arn:aws:sns:us-east-1:291180941288:A3BXB0YN3XH17HA2K7NDRCTOTPW9` = marketplace A3BXB0YN3XH17H +
 * seller A2K7NDRCTOTPW9, spec v1 §6.1 fixtures); localpay names it the same way, in the AWS region
 * serving the merchant's region, so handlers that compare TopicArn prefixes keep working.
 */
import type { Region, ReleaseEnvironment } from '../domain/shared/environment.js';

const AMAZON_PAY_SNS_ACCOUNT = '291180941288';

const AWS_REGION = {
  NA: 'us-east-1',
  EU: 'eu-west-1',
  UK: 'eu-west-1',
  JP: 'us-west-2',
} as const satisfies Record<Region, string>;

/**
 * v1 MarketplaceID per region and environment. NA's are the ones in Amazon's own fixtures (spec
 * v1 §6.1, §6.2); the others are not published in the references and are localpay's stand-ins
 * (docs/decisions.md).
 */
export const MARKETPLACE_ID = {
  NA: { Sandbox: 'A3BXB0YN3XH17H', Live: 'AGWSWK15IEJJ7' },
  EU: { Sandbox: 'A1OCY9REWJOCW5', Live: 'A53RDEWN57UU5' },
  UK: { Sandbox: 'A3D2QVOWFHOVM', Live: 'A2WQPBGJ59HSXT' },
  JP: { Sandbox: 'A1LJJ7D9ZFBLNA', Live: 'A1MCJZEB1HY93J' },
} as const satisfies Record<Region, Record<ReleaseEnvironment, string>>;

export function topicArn(
  region: Region,
  environment: ReleaseEnvironment,
  merchantId: string,
): string {
  return `arn:aws:sns:${AWS_REGION[region]}:${AMAZON_PAY_SNS_ACCOUNT}:${MARKETPLACE_ID[region][environment]}${merchantId}`;
}

export const subscriptionArn = (topic: string, subscriptionId: string): string =>
  `${topic}:${subscriptionId}`;
