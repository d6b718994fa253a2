import type { V2Route } from '../v2-route.js';
import { disputeRoutes } from './dispute-routes.js';
import { reportRoutes } from './report-routes.js';

/** The back office (issue "The back office"): reports, disbursements, disputes and files. */
export const backOfficeRoutes: readonly V2Route[] = [...reportRoutes, ...disputeRoutes];
