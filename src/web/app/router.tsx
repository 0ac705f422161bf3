import { type AnchorHTMLAttributes, createContext, type MouseEvent, useContext, useEffect, useState } from "react";

/** A small client-side router over the History API: the app has few routes and needs no more. */
const LocationContext = createContext<{ path: string; navigate: (to: string) => void }>({
  path: "/",
  navigate: () => {},
});

export function RouterProvider({ children }: { children: React.ReactNode }) {
  const [path, setPath] = useState(() => window.location.pathname + window.location.search);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname + window.location.search);
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = (to: string) => {
    window.history.pushState(null, "", to);
    setPath(to);
    window.scrollTo(0, 0);
  };
  return <LocationContext.Provider value={{ path, navigate }}>{children}</LocationContext.Provider>;
}

export const useLocation = () => useContext(LocationContext);

/** Matches a pattern like /organisaties/:id against the current path; returns the parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const [pathname = ""] = path.split("?");
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:[a-zA-Z]+/g, (m) => {
      names.push(m.slice(1));
      return "([^/]+)";
    })}/?$`,
  );
  const match = regex.exec(pathname);
  if (!match) return null;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? "")]));
}

/** A link that navigates inside the app without reloading, and behaves as a normal link otherwise. */
export function AppLink({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { navigate, path } = useLocation();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  const current = path.split("?")[0] === href ? { "aria-current": "page" as const } : {};
  return <a href={href} onClick={handle} {...current} {...rest} />;
}
