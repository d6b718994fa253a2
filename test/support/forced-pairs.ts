import type { TestPlatform } from '../../src/testing/test-platform.js';
import type { IpnReceiver } from '../../src/testing/ipn-receiver.js';
import type { OpenedBackend } from './test-backends.js';

/**
 * Comparing a forced transition with its natural path (issue 14 point 6 done-when): what one step
 * notified, and an object with what differs between two fresh objects (ids, timestamps) masked.
 */
export interface NotificationWindow {
  /** Runs `step` and answers the IPNs it queued, delivered and verified, masked and sorted. */
  notifiedBy(
    step: () => Promise<unknown>,
    ids: Readonly<Record<string, string>>,
  ): Promise<string[]>;
}

export function notificationWindow(
  opened: OpenedBackend,
  platform: TestPlatform,
  receiver: IpnReceiver,
  merchantId: string,
): NotificationWindow {
  const queued = () =>
    opened.count('select count(*) from outbox where merchant_id = $1', merchantId);
  return {
    async notifiedBy(step, ids) {
      const before = await queued();
      await receiver.waitFor(before);
      await step();
      const after = await queued();
      // Every queued notification is delivered once (the receiver answers 200): wait for them all.
      const all = await receiver.waitFor(after);
      const fresh = all.slice(before, after);
      const shown: string[] = [];
      for (const ipn of fresh) {
        const { message } = await platform.verifyIpn(ipn.body);
        shown.push(mask(JSON.stringify(shapeOf(message)), ids));
      }
      return shown.sort();
    },
  };
}

/** An IPN message without its own ids and times: its keys, types and (v1) its details document. */
function shapeOf(message: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const shape: Record<string, unknown> = { keys: Object.keys(message).join(',') };
  for (const [key, value] of Object.entries(message))
    if (!/^(NotificationId|NotificationReferenceId|Timestamp|MerchantID|SellerId)$/.test(key))
      shape[key] = key === 'NotificationData' ? maskXml(String(value)) : value;
  return shape;
}

/** v1 details: ids and timestamps emptied; the seller's note held the natural path's simulation. */
const maskXml = (xml: string): string =>
  xml
    .replace(/<(Seller(?:Authorization|Capture)Note)>[^<]*<\/\1>/g, '<$1/>')
    .replace(/<(\w*(?:Id|Timestamp|ReferenceId))>[^<]*<\/\1>/g, '<$1/>');

/** Replaces each named id by its role, and any other Amazon-style id by <id>. */
export function mask(text: string, ids: Readonly<Record<string, string>>): string {
  let out = text;
  for (const [role, id] of Object.entries(ids)) out = out.split(id).join(`<${role}>`);
  return out
    .replace(/(<\w+>)-[A-Z]\d{6}\b/g, '$1-<n>')
    .replace(/\b[SPBC]\d{2}-\d{7}-\d{7}(?:-[A-Z]\d{6})?\b/g, '<id>');
}

/**
 * An object as the API answered it, minus what two fresh objects never share: ids (their values
 * are masked wherever they appear, e.g. in a redirect URL), timestamps, and the seller note that
 * carried the natural path's simulation.
 */
export function comparable(object: unknown): unknown {
  const ids: string[] = [];
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (/(Id|Timestamp|IdList)$|^id$|^Seller(Authorization|Capture)Note$/i.test(key)) {
        if (typeof inner === 'string') ids.push(inner);
        continue;
      }
      out[key] = strip(inner);
    }
    return out;
  };
  let text = JSON.stringify(strip(object));
  for (const id of ids.filter((id) => id.length > 8)) text = text.split(id).join('<id>');
  return JSON.parse(text) as unknown;
}
