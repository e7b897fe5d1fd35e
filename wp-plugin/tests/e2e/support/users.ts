import { randomBytes } from 'node:crypto';
import { rest } from './rest';
import type { WordPress } from './site';

export type Role = 'administrator' | 'editor' | 'author' | 'contributor' | 'subscriber';

export interface TestUser {
  id: number;
  username: string;
  password: string;
  role: Role;
}

/** Creates a user with a role and a random password, through REST as the administrator. */
export async function createUser(wp: WordPress, role: Role, username = `${role}-${randomBytes(3).toString('hex')}`): Promise<TestUser> {
  const password = randomBytes(12).toString('base64url');
  const { id } = await rest<{ id: number }>(wp, '/wp/v2/users', {
    json: { username, password, email: `${username}@example.com`, roles: [role] },
  });
  return { id, username, password, role };
}

/** The site's administrator, as a user to log in with. */
export function administrator(wp: WordPress): Omit<TestUser, 'id'> {
  return { username: wp.admin.user, password: wp.admin.password, role: 'administrator' };
}
