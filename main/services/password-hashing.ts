// scrypt password hashes: verified on libuv's thread pool, so a sign-in never blocks other requests.
import { randomBytes, scrypt, type ScryptOptions, scryptSync, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  // Promisified by hand: util.promisify loses scrypt's options overload in the types.
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function encode(salt: Buffer, hash: Buffer): string {
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * Synchronous on purpose and only for creating accounts before the app serves anyone (demo
 * seeding, tests); nothing reachable from the API calls it.
 */
export function hashPassword(password: string, salt = randomBytes(16)): string {
  return encode(salt, scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }));
}

/** The same hash as hashPassword, computed on the thread pool: passwords set while the app serves (offline verifiers, the Admin screen). */
export async function hashPasswordAsync(password: string, salt = randomBytes(16)): Promise<string> {
  return encode(salt, await scryptAsync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }));
}

/** Runs exactly one scrypt, whatever `stored` holds, and compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  const wellFormed = kind === 'scrypt' && !!n && !!r && !!p && !!salt && !!hash;
  const expected = wellFormed ? Buffer.from(hash, 'base64') : Buffer.alloc(SCRYPT.keylen);
  const options = wellFormed ? { N: Number(n), r: Number(r), p: Number(p) } : { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p };
  const actual = await scryptAsync(password, wellFormed ? Buffer.from(salt, 'base64') : randomBytes(16), expected.length, options);
  return wellFormed && timingSafeEqual(actual, expected);
}

/**
 * What an unknown username is verified against, so that it costs the same one scrypt as a wrong
 * password. A fixed hash of a random password nobody kept: it matches no account (the caller
 * refuses when there is no user, whatever the comparison says) and costs nothing at start.
 */
export const TIMING_EQUALISER_HASH = 'scrypt$16384$8$1$a+4x1y0NYdSskEyOk5p+7Q==$LI5vAcsUVvI/62lbdOKtoZrilBy0Up/LQlDMTOMXTy8=';
