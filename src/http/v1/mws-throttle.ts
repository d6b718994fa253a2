import type { ReleaseEnvironment } from '../../domain/shared/environment.js';
import type { MwsThrottleConfig } from '../../config/mws-throttle-config.js';
import { unsharedCopy } from '../../domain/shared/unshared-string.js';

/**
 * RequestThrottled (spec v1 §1.6, §4.2): a token bucket per seller, environment and action. Off by
 * default; `amazon` uses the documented quotas, a custom `burst/perSecond` applies to every action.
 * Kept in memory: a quota protects one process, as a restarted server would refill anyway.
 */
interface Quota {
  readonly burst: number;
  readonly perSecond: number;
}

/** Amazon's documented quotas (DOC-EU operation pages): most operations, and GetBillingAgreementDetails. */
function amazonQuota(action: string, environment: ReleaseEnvironment): Quota {
  if (action === 'GetBillingAgreementDetails')
    return environment === 'Live' ? { burst: 20, perSecond: 2 } : { burst: 5, perSecond: 1 };
  return environment === 'Live' ? { burst: 10, perSecond: 1 } : { burst: 2, perSecond: 0.5 };
}

export interface MwsThrottle {
  /** Takes one request from the bucket; false when the caller must be throttled. */
  take(merchantId: string, environment: ReleaseEnvironment, action: string, now: number): boolean;
}

export function createMwsThrottle(config: MwsThrottleConfig): MwsThrottle {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(merchantId, environment, action, now) {
      if (config.kind === 'off') return true;
      const quota = config.kind === 'amazon' ? amazonQuota(action, environment) : config;
      const key = `${merchantId}\n${environment}\n${action}`;
      const bucket = buckets.get(key);
      const last = bucket ?? { tokens: quota.burst, at: now };
      const tokens = Math.min(
        quota.burst,
        last.tokens + ((now - last.at) / 1000) * quota.perSecond,
      );
      const taken = tokens >= 1;
      const next = { tokens: taken ? tokens - 1 : tokens, at: now };
      // A new bucket keeps a copy of its key: the ids are views into the request's form body,
      // which the key would otherwise keep for as long as the process runs (unshared-string.ts).
      buckets.set(bucket === undefined ? unsharedCopy(key) : key, next);
      return taken;
    },
  };
}
