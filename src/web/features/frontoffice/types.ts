import type { TicketMessageKind, TicketStatus, TicketUrgency } from "../../../platform/vocabulary.ts";

export interface TicketSummary {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  urgency: TicketUrgency;
  theme: string | null;
  provider: { id: string; name: string };
  asker: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  dueOn: string;
  overdue: boolean;
  createdAt: string;
  answeredAt: string | null;
  isDemo: boolean;
}

export interface Ticket extends TicketSummary {
  question: string;
  askedBy: string | null;
  domain: { id: string; name: string } | null;
  entryId: string | null;
  version: number;
  messages: {
    id: string;
    kind: TicketMessageKind;
    body: string;
    author: string;
    fromDesk: boolean;
    createdAt: string;
  }[];
  attachments: { id: string; messageId: string | null; filename: string; contentType: string; size: number }[];
  staff: { id: string; name: string }[];
  abilities: { reply: boolean; work: boolean; readNotes: boolean; close: boolean; reopen: boolean; makeEntry: boolean };
}

export interface DeskStats {
  themes: {
    theme: string | null;
    open: number;
    answered: number;
    medianAnswerHours: number | null;
    missedServiceLevel: number;
  }[];
  total: { open: number; answered: number; medianAnswerHours: number | null; missedServiceLevel: number };
}
