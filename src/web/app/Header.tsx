import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Language, languages, setLanguage } from "../i18n/index.ts";
import { mandateModules, modules } from "./modules.ts";
import { AppLink, useLocation } from "./router.tsx";
import { useSession } from "./session.tsx";

/** The shell's header: name, organisation switcher, language, sign-out, and the modules. */
export function Header() {
  const { t, i18n } = useTranslation();
  const { session, loading, signOut, switchOrganisation } = useSession();
  const { navigate, path } = useLocation();
  const current = i18n.language as Language;
  // On a small screen (below 768 px) the tools and the modules fold behind one button; a page change folds them.
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger
  useEffect(() => setOpen(false), [path]);
  const folded = open ? "" : " samen-foldable--folded";
  const mandate = session?.activeOrganisation?.mandate ?? null;
  // Under a mandate the menu offers the modules its tasks open, nothing more.
  const shown = mandate ? modules.filter((m) => mandate.scopes.some((s) => mandateModules[s] === m.key)) : modules;
  return (
    <header className="samen-header">
      <div className="samen-header__bar">
        <AppLink href="/" className="samen-brand">
          <span aria-hidden="true" className="samen-brand__mark" />
          Samen
        </AppLink>
        <button
          type="button"
          className="samen-menu-button"
          aria-expanded={open}
          aria-controls="samen-menu"
          onClick={() => setOpen(!open)}
        >
          {t("shell.menu")}
        </button>
        <div className={`samen-header__tools samen-foldable${folded}`} id="samen-menu">
          {session && (session.organisations.length > 0 || session.mandates.length > 0) ? (
            <label className="samen-switcher">
              <span className="samen-switcher__label">{t("shell.actingFor")}</span>
              <select
                className="utrecht-select utrecht-select--html-select"
                value={mandate ? `mandate:${mandate.id}` : (session.activeOrganisation?.id ?? "")}
                onChange={(e) => {
                  const [kind, id] = e.target.value.split(":");
                  const under = kind === "mandate" ? session.mandates.find((m) => m.id === id) : undefined;
                  void (under
                    ? switchOrganisation(under.organisationId, under.id)
                    : switchOrganisation(e.target.value));
                }}
              >
                {session.activeOrganisation &&
                !mandate &&
                !session.organisations.some((o) => o.id === session.activeOrganisation?.id) ? (
                  <option value={session.activeOrganisation.id}>{session.activeOrganisation.name}</option>
                ) : null}
                {session.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({t(`role.${o.role}`)})
                  </option>
                ))}
                {session.mandates.map((m) => (
                  <option key={m.id} value={`mandate:${m.id}`}>
                    {t("mandates.option", { organisation: m.organisationName, receiver: m.receiverName })}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <nav aria-label={t("shell.language")} className="samen-language">
            {languages.map((language) => (
              <button
                key={language}
                type="button"
                lang={language}
                aria-pressed={current === language}
                className="samen-language__button"
                onClick={() => setLanguage(language)}
              >
                {language === "nl" ? "Nederlands" : "English"}
              </button>
            ))}
          </nav>
          {session ? (
            <div className="samen-user">
              <span className="samen-user__name">{session.user.name}</span>
              <button
                type="button"
                className="utrecht-button utrecht-button--subtle"
                onClick={() => void signOut().then(() => navigate("/aanmelden"))}
              >
                {t("shell.signOut")}
              </button>
            </div>
          ) : path.startsWith("/aanmelden") ? null : (
            <AppLink href={`/aanmelden?terug=${encodeURIComponent(path)}`} className="utrecht-link">
              {t("shell.signIn")}
            </AppLink>
          )}
        </div>
      </div>
      {mandate && session?.activeOrganisation ? (
        <p className="samen-mandate-banner" role="status">
          {t("mandates.banner", {
            organisation: session.activeOrganisation.name,
            receiver: mandate.receiverName,
            tasks: mandate.scopes.map((s) => t(`mandates.scope.${s}`)).join(", "),
          })}
        </p>
      ) : null}
      {session ? (
        <nav aria-label={t("shell.modules")} className={`samen-nav samen-foldable${folded}`}>
          <ul>
            {shown.map((m) => (
              <li key={m.key}>
                <AppLink
                  href={m.path}
                  className={`samen-nav__link${("sections" in m ? m.sections : [m.path]).some((p) => path.startsWith(p)) ? " samen-nav__link--active" : ""}`}
                >
                  {t(`module.${m.key}.name`)}
                </AppLink>
              </li>
            ))}
            {session.abilities.readOutbox ? (
              <li>
                <AppLink href="/berichten" className="samen-nav__link">
                  {t("outbox.nav")}
                </AppLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : loading ? (
        // While the session loads, the menu's place is kept (unseen), so the page does not jump when it appears.
        <div className={`samen-nav samen-nav--pending samen-foldable${folded}`} aria-hidden="true">
          <ul>
            {modules.map((m) => (
              <li key={m.key}>
                <span className="samen-nav__link">{t(`module.${m.key}.name`)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </header>
  );
}
