import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The links in a newsletter stand in for signing in: to confirm a subscription, and to unsubscribe with one
 * click. Each is the subscriber's id signed with the server's secret, so nothing is stored and nothing guessed.
 */
export type LinkPurpose = "confirm" | "unsubscribe";

export const linkToken = (secret: string, purpose: LinkPurpose, subscriberId: string) =>
  createHmac("sha256", secret).update(`newsletter:${purpose}:${subscriberId}`).digest("base64url");

export function validToken(secret: string, purpose: LinkPurpose, subscriberId: string, token: string) {
  const expected = Buffer.from(linkToken(secret, purpose, subscriberId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const unsubscribeUrl = (publicUrl: string, secret: string, subscriberId: string) =>
  `${publicUrl}/api/newsletter-subscriptions/${subscriberId}/unsubscribe?t=${linkToken(secret, "unsubscribe", subscriberId)}`;

export const unsubscribePage = (publicUrl: string, secret: string, subscriberId: string) =>
  `${publicUrl}/nieuwsbrief/afmelden#s=${subscriberId}&t=${linkToken(secret, "unsubscribe", subscriberId)}`;

export const confirmPage = (publicUrl: string, secret: string, subscriberId: string) =>
  `${publicUrl}/nieuwsbrief/bevestigen#s=${subscriberId}&t=${linkToken(secret, "confirm", subscriberId)}`;
