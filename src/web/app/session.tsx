import { createContext, useCallback, useContext, useEffect, useState } from "react";
import type { MandateScope } from "../../platform/vocabulary.ts";
import { ApiError, api } from "./api.ts";

export type Role = "admin" | "editor" | "viewer";

export interface Session {
  user: { id: string | null; name: string; email: string | null; isPlatformAdmin: boolean };
  via: "session" | "token";
  organisations: { id: string; name: string; kind: string; role: Role }[];
  activeOrganisation: {
    id: string;
    name: string;
    role: Role | null;
    mandate: { id: string; receiverName: string; scopes: MandateScope[] } | null;
  } | null;
  /** Organisations one may act for under a mandate given to one of one's own. */
  mandates: {
    id: string;
    organisationId: string;
    organisationName: string;
    receiverName: string;
    scopes: MandateScope[];
  }[];
  abilities: {
    manageTokens: boolean;
    readAudit: boolean;
    readOutbox: boolean;
    importRegister: boolean;
    createCollaboration: boolean;
    createFramework: boolean;
    createSurvey: boolean;
    startScan: boolean;
    createProject: boolean;
    openBundle: boolean;
    planDeployments: boolean;
    startCatalogue: boolean;
  };
  demo: boolean;
}

interface SessionState {
  session: Session | null;
  loading: boolean;
  error: boolean;
  setSession(session: Session | null): void;
  signOut(): Promise<void>;
  switchOrganisation(id: string, mandateId?: string): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: React.ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState(false);
  useEffect(() => {
    api<Session>("/auth/session")
      .then(({ data }) => setSession(data))
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401)) setError(true);
      })
      .finally(() => setLoading(false));
  }, []);
  const signOut = useCallback(async () => {
    await api("/auth/sign-out", { method: "POST" });
    setSession(null);
  }, []);
  const switchOrganisation = useCallback(async (organisationId: string, mandateId?: string) => {
    const { data } = await api<Session>("/auth/session/organisation", {
      method: "PUT",
      body: mandateId ? { organisationId, mandateId } : { organisationId },
    });
    setSession(data);
  }, []);
  return (
    <SessionContext.Provider value={{ session, loading, error, setSession, signOut, switchOrganisation }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}
