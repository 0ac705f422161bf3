import { hash, verify } from "@node-rs/argon2";

/** Argon2id in @node-rs/argon2's Algorithm enum (a const enum, which cannot be imported here). */
const argon2id = 2;

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const minimumPasswordLength = 12;

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check, so a missing account cannot be told apart by timing.
    await hash(password, options);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
