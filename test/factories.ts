import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { createUser } from "../src/modules/accounts/create-user.ts";
import { systemContext } from "../src/platform/context.ts";
import type { Database } from "../src/platform/db/client.ts";
import { organisations, userRoles } from "../src/platform/db/schema.ts";
import type { Role } from "../src/platform/vocabulary.ts";
import { Client } from "./helpers/server.ts";

export const testPassword = "correct horse battery staple";

/** The id of a real organisation in the template register, by its key (e.g. be-municipality-71072). */
export async function organisationId(database: Database, key: string): Promise<string> {
  const [row] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.key, key));
  if (!row) throw new Error(`no organisation ${key} in the test register`);
  return row.id;
}

/** A user with a role in one organisation (or a platform administrator), and any more given, with a known password. */
export async function buildUser(
  database: Database,
  options: {
    organisationKey?: string;
    role?: Role;
    hr?: boolean;
    isPlatformAdmin?: boolean;
    name?: string;
    moreRoles?: { organisationKey: string; role: Role }[];
  } = {},
) {
  const email = `user-${randomBytes(4).toString("hex")}@example.test`;
  const orgId = options.organisationKey ? await organisationId(database, options.organisationKey) : undefined;
  const { id } = await database.db.transaction((tx) =>
    createUser(tx, systemContext("test"), {
      email,
      name: options.name ?? "Test User",
      password: testPassword,
      isPlatformAdmin: options.isPlatformAdmin ?? false,
      ...(orgId ? { organisationId: orgId, role: options.role ?? "viewer", hr: options.hr ?? false } : {}),
    }),
  );
  for (const more of options.moreRoles ?? []) {
    const other = await organisationId(database, more.organisationKey);
    await database.db.insert(userRoles).values({ userId: id, organisationId: other, role: more.role });
  }
  return { id, email, organisationId: orgId };
}

/** A client signed in as a new user of the given organisation and role. */
export async function signedInClient(base: string, database: Database, options: Parameters<typeof buildUser>[1] = {}) {
  const user = await buildUser(database, options);
  const client = new Client(base);
  const response = await client.post("/api/auth/sign-in", { email: user.email, password: testPassword });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.data)}`);
  return { client, user };
}

/** Loads Provincie Limburg's demo partner catalogue (59 entries and its synonyms); returns Limburg's id. */
export async function withDemoCatalogue(database: Database): Promise<string> {
  const { loadDemoCatalogue } = await import("../src/modules/demo/demo-catalogue.ts");
  const { providerId } = await database.db.transaction((tx) => loadDemoCatalogue(tx, systemContext("test")));
  if (!providerId) throw new Error("Provincie Limburg is not in the test register");
  return providerId;
}
