import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from '@igny8/shared';
import { z } from 'zod';
import { ApiError } from '../../http/errors';

export const ACCESS_TTL_SECONDS = 15 * 60;
export const REFRESH_TTL_SECONDS = 7 * 24 * 60 * 60;
const ISSUER = 'igny8';

const accessClaims = z.object({
  typ: z.literal('access'),
  sub: z.uuid(),
  acc: z.uuid(),
  role: z.enum(ROLES),
  sid: z.uuid(),
});
const refreshClaims = z.object({ typ: z.literal('refresh'), sub: z.uuid(), sid: z.uuid(), jti: z.uuid(), exp: z.number() });

export type AccessClaims = z.infer<typeof accessClaims>;
export type RefreshClaims = z.infer<typeof refreshClaims>;

/** Signs and verifies the dashboard's JWTs (HS256): access for 15 minutes, refresh for 7 days. */
export class TokenService {
  readonly #key: Uint8Array;

  constructor(key: Uint8Array) {
    if (key.length < 32) throw new Error('JWT key must be at least 32 bytes');
    this.#key = key;
  }

  async access(c: { userId: string; accountId: string; role: Role; sessionId: string }): Promise<string> {
    return new SignJWT({ typ: 'access', acc: c.accountId, role: c.role, sid: c.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TTL_SECONDS}s`)
      .sign(this.#key);
  }

  async refresh(c: { userId: string; sessionId: string }): Promise<{ token: string; jti: string; expiresAt: Date }> {
    const jti = randomUUID();
    const expiresAt = new Date(Date.now() + REFRESH_TTL_SECONDS * 1000);
    const token = await new SignJWT({ typ: 'refresh', sid: c.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.userId)
      .setJti(jti)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.#key);
    return { token, jti, expiresAt };
  }

  verifyAccess(token: string): Promise<AccessClaims> {
    return this.#verify(token, accessClaims);
  }

  verifyRefresh(token: string): Promise<RefreshClaims> {
    return this.#verify(token, refreshClaims);
  }

  async #verify<T>(token: string, schema: z.ZodType<T>): Promise<T> {
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: ISSUER, algorithms: ['HS256'] });
      const claims = schema.safeParse(payload);
      if (!claims.success) throw new ApiError('invalid_token', 'The token is not valid here.');
      return claims.data;
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new ApiError('token_expired', 'The token has expired.');
      throw new ApiError('invalid_token', 'The token is not valid.');
    }
  }
}
