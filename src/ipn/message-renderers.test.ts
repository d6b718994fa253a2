import { describe, expect, it } from 'vitest';
import type { NotificationRecord, XmlContent } from '../app/ports.js';
import { renderMessage, renderNotificationData } from './message-renderers.js';
import { renderXmlContent } from './xml-content.js';

const base: NotificationRecord = {
  id: 'b874df54-f74d-49a2-90b0-b575c48a3719',
  merchantId: 'A1O8CIV1A24A6X',
  environment: 'Sandbox',
  apiVersion: 'v2',
  objectType: 'CHARGE',
  objectId: 'S02-6865442-5879427-C004671',
  chargePermissionId: 'S02-6865442-5879427',
  notificationType: 'STATE_CHANGE',
  payload: null,
  createdAt: Date.UTC(2015, 10, 21, 3, 55, 19),
  status: 'pending',
  attempts: 0,
  nextAttemptAt: 0,
  deliveredAt: null,
  scheduleFrom: 0,
  scheduleStep: 0,
  lastAttemptAt: null,
  lastStatusCode: null,
  lastError: null,
};

describe('the v2 message (spec v2 §10.2)', () => {
  it('names the object with capitalised keys and carries no state', () => {
    const message = renderMessage(base, { merchantRegion: 'EU' });
    expect(message).toBe(
      '{"MerchantID":"A1O8CIV1A24A6X","ObjectType":"CHARGE","ObjectId":"S02-6865442-5879427-C004671",' +
        '"ChargePermissionId":"S02-6865442-5879427","NotificationType":"STATE_CHANGE",' +
        '"NotificationId":"b874df54-f74d-49a2-90b0-b575c48a3719","NotificationVersion":"V2"}',
    );
  });
});

/**
 * The shape of Amazon's own PaymentAuthorize notification (the Java SDK's AuthorizationNotification
 * fixture, spec v1 §6.2): the same keys in the same order, and NotificationData as the same XML.
 */
const AUTHORIZATION: XmlContent = {
  AmazonAuthorizationId: 'S01-2063624-0128488-A098527',
  AuthorizationReferenceId: 'cDiiofOL',
  AuthorizationAmount: { Amount: '5.0', CurrencyCode: 'USD' },
  CapturedAmount: { Amount: '5.0', CurrencyCode: 'USD' },
  AuthorizationFee: { Amount: '0.0', CurrencyCode: 'USD' },
  IdList: { Id: ['S01-2063624-0128488-C098527'] },
  CreationTimestamp: '2015-11-21T15:55:18.970Z',
  ExpirationTimestamp: '2015-12-21T15:55:18.970Z',
  AuthorizationStatus: {
    State: 'Closed',
    LastUpdateTimestamp: '2015-11-21T15:55:18.970Z',
    ReasonCode: 'MaxCapturesProcessed',
  },
  OrderItemCategories: {},
  CaptureNow: true,
  SoftDescriptor: 'AMZ*Neha MWS',
  SellerAuthorizationNote: null,
};

const EXPECTED_XML = `<?xml version="1.0" encoding="UTF-8"?>
<AuthorizationNotification xmlns="https://mws.amazonservices.com/ipn/OffAmazonPayments/2013-01-01">
    <AuthorizationDetails>
        <AmazonAuthorizationId>S01-2063624-0128488-A098527</AmazonAuthorizationId>
        <AuthorizationReferenceId>cDiiofOL</AuthorizationReferenceId>
        <AuthorizationAmount>
            <Amount>5.0</Amount>
            <CurrencyCode>USD</CurrencyCode>
        </AuthorizationAmount>
        <CapturedAmount>
            <Amount>5.0</Amount>
            <CurrencyCode>USD</CurrencyCode>
        </CapturedAmount>
        <AuthorizationFee>
            <Amount>0.0</Amount>
            <CurrencyCode>USD</CurrencyCode>
        </AuthorizationFee>
        <IdList>
            <Id>S01-2063624-0128488-C098527</Id>
        </IdList>
        <CreationTimestamp>2015-11-21T15:55:18.970Z</CreationTimestamp>
        <ExpirationTimestamp>2015-12-21T15:55:18.970Z</ExpirationTimestamp>
        <AuthorizationStatus>
            <State>Closed</State>
            <LastUpdateTimestamp>2015-11-21T15:55:18.970Z</LastUpdateTimestamp>
            <ReasonCode>MaxCapturesProcessed</ReasonCode>
        </AuthorizationStatus>
        <OrderItemCategories/>
        <CaptureNow>true</CaptureNow>
        <SoftDescriptor>AMZ*Neha MWS</SoftDescriptor>
    </AuthorizationDetails>
</AuthorizationNotification>`;

describe('the v1 message (spec v1 §6.2)', () => {
  const v1: NotificationRecord = {
    ...base,
    id: '62f086c1-7bdb-4333-814d-b36b0ad591c5',
    merchantId: 'A37GX652OWOXVH',
    apiVersion: 'v1',
    objectType: 'PaymentAuthorize',
    objectId: 'S01-2063624-0128488-A098527',
    chargePermissionId: 'S01-2063624-0128488',
    notificationType: 'PaymentAuthorize',
    payload: JSON.stringify({ details: AUTHORIZATION }),
  };

  it('carries the details as NotificationData XML under the IPN namespace', () => {
    expect(renderNotificationData('PaymentAuthorize', AUTHORIZATION)).toBe(EXPECTED_XML);
  });

  it('has the keys and order of the Java SDK fixture', () => {
    const message = JSON.parse(renderMessage(v1, { merchantRegion: 'NA' })) as Record<
      string,
      unknown
    >;
    expect(Object.keys(message)).toEqual([
      'ReleaseEnvironment',
      'MarketplaceID',
      'Version',
      'NotificationType',
      'SellerId',
      'NotificationReferenceId',
      'Timestamp',
      'NotificationData',
    ]);
    expect(message).toEqual({
      ReleaseEnvironment: 'Sandbox',
      MarketplaceID: 'A3BXB0YN3XH17H',
      Version: '2013-01-01',
      NotificationType: 'PaymentAuthorize',
      SellerId: 'A37GX652OWOXVH',
      NotificationReferenceId: '62f086c1-7bdb-4333-814d-b36b0ad591c5',
      Timestamp: '2015-11-21T03:55:19.000Z',
      NotificationData: EXPECTED_XML,
    });
    // Python's SDK strips exactly this prefix before parsing (spec v1 §6.2).
    expect(
      String(message.NotificationData).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'),
    ).toBe(true);
  });

  it.each([
    ['OrderReferenceNotification', 'OrderReferenceNotification', 'OrderReference'],
    ['BillingAgreementNotification', 'BillingAgreementNotification', 'BillingAgreement'],
    ['PaymentCapture', 'CaptureNotification', 'CaptureDetails'],
    ['PaymentRefund', 'RefundNotification', 'RefundDetails'],
  ] as const)('%s is %s/%s', (type, root, child) => {
    const xml = renderNotificationData(type, { Id: 'x' });
    expect(xml).toContain(
      `<${root} xmlns="https://mws.amazonservices.com/ipn/OffAmazonPayments/2013-01-01">`,
    );
    expect(xml).toContain(`    <${child}>\n        <Id>x</Id>\n    </${child}>\n</${root}>`);
  });

  it('adds EventType to billing agreement notifications', () => {
    const message = JSON.parse(
      renderMessage(
        {
          ...v1,
          notificationType: 'BillingAgreementNotification',
          payload: JSON.stringify({
            eventType: 'PaymentMethodUpdated',
            details: { AmazonBillingAgreementId: 'B01-1' },
          }),
        },
        { merchantRegion: 'NA' },
      ),
    ) as Record<string, unknown>;
    expect(Object.keys(message).slice(2, 5)).toEqual(['Version', 'EventType', 'NotificationType']);
    expect(message.EventType).toBe('PaymentMethodUpdated');
  });

  it('escapes text and refuses element names that are not XML', () => {
    expect(renderXmlContent({ Note: 'a < b & "c"' })).toBe(
      '<Note>a &lt; b &amp; &quot;c&quot;</Note>\n',
    );
    expect(() => renderXmlContent({ 'bad name': 'x' })).toThrow(TypeError);
  });
});
