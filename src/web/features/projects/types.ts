import type { ProjectStage, ProjectStatus } from "../../../platform/vocabulary.ts";

export { type ProjectStage, type ProjectStatus, projectStages, projectStatuses } from "../../../platform/vocabulary.ts";

interface Reference {
  id: string;
  name: string;
}

export interface ProjectSummary {
  id: string;
  title: string;
  goal: string;
  provider: Reference;
  domain: Reference | null;
  status: ProjectStatus;
  startsOn: string;
  endsOn: string | null;
  participants: number;
  confirmedParticipants: number;
}

export interface Milestone {
  id: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
  overdue: boolean;
  version: number;
}

export interface ParticipantSummary {
  id: string;
  organisation: Reference & { kind: string };
  confirmed: boolean;
  stage: ProjectStage | null;
  behind: boolean | null;
  abilities: { readTrack: boolean; confirm: boolean; recordStep: boolean };
}

export interface Project extends ProjectSummary {
  catalogueEntry: Reference | null;
  ticket: { id: string; number: number; subject: string } | null;
  team: (Reference & { role: "lead" | "member" })[];
  version: number;
  participantList: ParticipantSummary[];
  milestones: Milestone[];
  abilities: {
    update: boolean;
    invite: boolean;
    manageMilestones: boolean;
    readHours: boolean;
    manageTeam: boolean;
    postUpdate: boolean;
    enrol: boolean;
  };
}

export interface Participant extends ParticipantSummary {
  project: Reference & { provider: Reference; startsOn: string; endsOn: string | null };
  expectedStage: ProjectStage;
  steps: { id: string; stage: ProjectStage; reachedOn: string; note: string | null; recordedBy: string | null }[];
  version: number;
}

export interface Dashboard {
  month: string;
  projects: (ProjectSummary & {
    stages: Record<ProjectStage, number>;
    behind: (Reference & { participantId: string; stage: ProjectStage })[];
    latestUpdates: { id: string; title: string; author: string; createdAt: string }[];
    dueThisMonth: Milestone[];
    overdue: Milestone[];
  })[];
}

export interface Deployment {
  id: string;
  provider: Reference;
  staff: Reference;
  organisation: Reference;
  project: Reference | null;
  dossier: string | null;
  day: string;
  startsAt: string;
  endsAt: string;
  status: "planned" | "done" | "cancelled";
  plannedMinutes: number;
  doneMinutes: number | null;
  note: string | null;
  conflicts: ("leave" | "closed")[];
  version: number;
  abilities: { plan: boolean; report: boolean };
}

export interface ProjectHours {
  projectId: string;
  participants: (Reference & { plannedMinutes: number; doneMinutes: number })[];
  plannedMinutes: number;
  doneMinutes: number;
}

export interface ProgressUpdate {
  id: string;
  project: Reference;
  participant: Reference | null;
  author: { organisation: Reference; name: string | null };
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  edited: boolean;
  abilities: { edit: boolean };
}
