import { z } from 'zod';
import type { SignInPayload } from '../../../app/sign-in/amazon-sign-in.js';
import { SIGN_IN_SCOPES } from '../../../domain/sign-in/buyer-token.js';

/** The SignIn button's signed payload (Amazon Sign-in guide, "Generate the Sign-in payload"). */
export const signInPayloadSchema = z.strictObject({
  signInReturnUrl: z.string().min(1),
  storeId: z.string().min(1),
  signInScopes: z.array(z.enum(SIGN_IN_SCOPES)).optional(),
});

export const toSignInPayload = (body: z.output<typeof signInPayloadSchema>): SignInPayload => ({
  signInReturnUrl: body.signInReturnUrl,
  storeId: body.storeId,
  signInScopes: [...new Set(body.signInScopes ?? [])],
});
