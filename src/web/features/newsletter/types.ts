import type { DeliveryStatus, IssueStatus, NewsletterItem, SubscriberStatus } from "../../../platform/vocabulary.ts";

export type { NewsletterItem };

export interface Issue {
  id: string;
  provider: { id: string; name: string };
  month: string;
  subject: string;
  intro: string;
  items: NewsletterItem[];
  status: IssueStatus;
  sentAt: string | null;
  version: number;
  deliveries: Record<DeliveryStatus, number>;
  abilities: { manage: boolean; send: boolean };
}

export interface Subscriber {
  id: string;
  email: string;
  name: string | null;
  organisation: { id: string; name: string } | null;
  status: SubscriberStatus;
  createdAt: string;
  confirmedAt: string | null;
}
