import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, preparedOn, type Queryable, type Tx } from "../db/client.ts";
import { apiTokens, mandates, organisations, sessions, userRoles, users } from "../db/schema.ts";
import type { Role } from "../vocabulary.ts";
import type { Actor } from "./actor.ts";
import { hmac, randomToken, sha256 } from "./secrets.ts";

export const sessionCookie = "samen_session";

export interface SessionSettings {
  secret: string;
  ttlMs: number;
}

/** Starts a new session for the user; returns the token for the cookie (never stored as is). */
export async function startSession(
  tx: Tx,
  settings: SessionSettings,
  input: { userId: string; organisationId: string | null; userAgent?: string | undefined },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + settings.ttlMs);
  await tx.insert(sessions).values({
    id: hmac(settings.secret, token),
    userId: input.userId,
    organisationId: input.organisationId,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  // Expired sessions of this user are of no use to anyone.
  await tx.delete(sessions).where(and(eq(sessions.userId, input.userId), lt(sessions.expiresAt, new Date())));
  return { token, expiresAt };
}

export async function endSession(db: Queryable, settings: SessionSettings, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hmac(settings.secret, token)));
}

export const sessionIdOf = (settings: SessionSettings, token: string) => hmac(settings.secret, token);

const receivers = alias(organisations, "receivers");
const grantors = alias(organisations, "grantors");

const prepareSessionRead = (db: Db) =>
  db
    .select({
      userId: users.id,
      name: users.name,
      isPlatformAdmin: users.isPlatformAdmin,
      organisationId: sessions.organisationId,
      lastSeenAt: sessions.lastSeenAt,
      role: userRoles.role,
      hr: userRoles.hr,
      mandateId: sessions.mandateId,
      mandateHolds: sql<
        boolean | null
      >`${mandates.status} = 'accepted' AND ${mandates.grantorId} = ${sessions.organisationId}
        AND ${mandates.startsOn} <= current_date AND (${mandates.endsOn} IS NULL OR ${mandates.endsOn} >= current_date)`,
      receiverId: mandates.receiverId,
      receiverName: receivers.name,
      grantorName: grantors.name,
      scopes: mandates.scopes,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(mandates, eq(mandates.id, sessions.mandateId))
    .leftJoin(receivers, eq(receivers.id, mandates.receiverId))
    .leftJoin(grantors, eq(grantors.id, mandates.grantorId))
    .leftJoin(
      userRoles,
      and(
        eq(userRoles.userId, sessions.userId),
        eq(userRoles.organisationId, sql`coalesce(${mandates.receiverId}, ${sessions.organisationId})`),
      ),
    )
    .where(
      and(
        eq(sessions.id, sql.placeholder("id")),
        gt(sessions.expiresAt, sql`${sql.placeholder("now")}::timestamptz`),
        isNull(users.disabledAt),
      ),
    )
    .prepare("samen_session_actor");

/**
 * The actor behind a session token, or null if the token is unknown, expired, or the user disabled. A session acting
 * under a mandate acts for the grantor while the mandate holds and the person edits for the receiver; otherwise it
 * acts for no organisation until switched.
 */
export async function actorFromSession(db: Db, settings: SessionSettings, token: string): Promise<Actor | null> {
  const id = hmac(settings.secret, token);
  // One query: the session, its user, its mandate if any, and the user's role in the organisation whose role counts
  // (the receiver of the mandate, else the organisation the session acts for).
  const [row] = await preparedOn(db, prepareSessionRead).execute({ id, now: new Date().toISOString() });
  if (!row) return null;
  // Touch at most once a minute, so reads stay reads.
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  }
  const base = {
    kind: "user" as const,
    userId: row.userId,
    tokenId: null,
    name: row.name,
    isPlatformAdmin: row.isPlatformAdmin,
    scopes: null,
  };
  if (row.mandateId) {
    // Under a mandate: editors and administrators of the receiver act as editors for the grantor, nothing more.
    const holds = row.mandateHolds === true && (row.role === "editor" || row.role === "admin");
    if (!holds || !row.receiverId) return { ...base, organisationId: null, role: null, hr: false };
    return {
      ...base,
      // What the person's name is stored as on what they do (a survey answer, a reply): "who (receiver voor grantor)".
      name: `${row.name} (${row.receiverName} voor ${row.grantorName})`,
      organisationId: row.organisationId,
      role: "editor",
      hr: false,
      mandate: {
        id: row.mandateId,
        receiverId: row.receiverId,
        receiverName: row.receiverName ?? "",
        grantorName: row.grantorName ?? "",
        scopes: row.scopes ?? [],
      },
    };
  }
  const role: Role | null = row.role;
  return {
    ...base,
    organisationId: role || row.isPlatformAdmin ? row.organisationId : null,
    role,
    hr: row.hr ?? false,
  };
}

export const apiTokenPrefix = "samen_";

/** Creates an API token for an organisation and role; the plain token is returned once and stored only hashed. */
export async function issueApiToken(
  tx: Tx,
  input: {
    name: string;
    organisationId: string;
    role: Role;
    scopes: string[];
    createdBy: string | null;
    expiresAt: Date | null;
  },
): Promise<{ id: string; token: string }> {
  const token = `${apiTokenPrefix}${randomToken()}`;
  const [row] = await tx
    .insert(apiTokens)
    .values({ ...input, tokenHash: sha256(token) })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error("token not stored");
  return { id: row.id, token };
}

/**
 * When tokens were last used, noted in memory and written in one statement a second (at most once a minute per
 * token), so an API call reads its token and commits nothing of its own: a burst of calls with fresh tokens costs
 * one write, not one commit each. What was noted but not yet written when the process stops is written on close.
 */
class TokenUses {
  private readonly pending = new Set<string>();
  private readonly noted = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  constructor(private readonly db: Db) {}
  note(id: string) {
    const now = Date.now();
    const last = this.noted.get(id);
    if (last !== undefined && now - last < 60_000) return;
    if (this.noted.size > 50_000) this.noted.clear();
    // Noted in the order of their times (a renewed one moves to the end), so the stale ones lead.
    this.noted.delete(id);
    this.noted.set(id, now);
    this.pending.add(id);
    this.timer ??= setTimeout(() => void this.flush(), 1_000);
    this.timer.unref?.();
  }
  /** Writes what was noted; resolves once it is written (errors are left: a last use is information, not a right). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Uses noted more than a minute ago decide nothing any more: the next use of their token is written.
    const stale = Date.now() - 60_000;
    for (const [id, at] of this.noted) {
      if (at > stale) break;
      this.noted.delete(id);
    }
    if (!this.pending.size) return this.writing;
    const ids = [...this.pending];
    this.pending.clear();
    this.writing = this.writing.then(async () => {
      try {
        await this.db.execute(
          sql`UPDATE api_tokens SET last_used_at = now()
               WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[])
                 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        );
      } catch {
        // The database closed under a test, or went away: the next use notes it again.
      }
    });
    return this.writing;
  }
}
const tokenUses = new WeakMap<Db, TokenUses>();
const usesOf = (db: Db) => {
  let uses = tokenUses.get(db);
  if (!uses) {
    uses = new TokenUses(db);
    tokenUses.set(db, uses);
  }
  return uses;
};

/** Writes the tokens' last uses noted so far (on close, and where a test reads them). */
export const flushTokenUses = (db: Db) => usesOf(db).flush();

const prepareTokenRead = (db: Db) =>
  db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      organisationId: apiTokens.organisationId,
      role: apiTokens.role,
      scopes: apiTokens.scopes,
      createdBy: apiTokens.createdBy,
    })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder("hash")),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} IS NULL OR ${apiTokens.expiresAt} > now())`,
      ),
    )
    .prepare("samen_token_actor");

/** The actor behind a bearer token, or null if it is unknown, revoked or expired. */
export async function actorFromApiToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(apiTokenPrefix)) return null;
  // One read, prepared; its last use is noted and written with others (TokenUses).
  const [row] = await preparedOn(db, prepareTokenRead).execute({ hash: sha256(token) });
  if (row) usesOf(db).note(row.id);
  if (!row) return null;
  return {
    kind: "token",
    userId: row.createdBy,
    tokenId: row.id,
    name: `token:${row.name}`,
    isPlatformAdmin: false,
    organisationId: row.organisationId,
    role: row.role,
    scopes: row.scopes,
  };
}
