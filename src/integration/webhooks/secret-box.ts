import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key from configuration (WEBHOOK_SECRET_KEY,
 * else derived from JWT_SECRET), so that a copy of the database (a backup, a replica) does not hand
 * out the secrets partners verify deliveries with. Stored as `enc:v1:<iv><tag><ciphertext>`
 * (base64url); a value without the prefix is a secret stored before encryption and is read as it is.
 */
const PREFIX = 'enc:v1:';

const keyOf = (secret: string) => createHash('sha256').update(`webhook-secret-encryption:${secret}`).digest();

export function sealSecret(keySecret: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(keySecret), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

export function openSecret(keySecret: string, stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(keySecret), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/** The key of this process, set once at start from configuration (WEBHOOK_SECRET_KEY). */
let configured: string | null = null;

export function configureSecretKey(keySecret: string): void {
  configured = keySecret;
}

/** sealSecret under the configured key. */
export function sealWithConfiguredKey(plaintext: string): string {
  if (configured === null) throw new Error('the webhook secret key is not configured');
  return sealSecret(configured, plaintext);
}
