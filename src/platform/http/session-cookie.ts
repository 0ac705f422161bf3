import type { FastifyReply } from "fastify";
import { sessionCookie } from "../auth/sessions.ts";

/** Sets the session cookie: httpOnly, SameSite=Lax (the sign-on redirect must carry it), Secure over https. */
export function setSessionCookie(reply: FastifyReply, publicUrl: string, token: string, expiresAt: Date) {
  reply.setCookie(sessionCookie, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: publicUrl.startsWith("https://"),
    expires: expiresAt,
  });
}
