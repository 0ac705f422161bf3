import { AppLink } from "../app/router.tsx";

/** Organisations as links to their pages, in columns. */
export function OrganisationLinks({ items }: { items: { id: string; name: string }[] }) {
  return (
    <ul className="samen-columns">
      {items.map((o) => (
        <li key={o.id}>
          <AppLink href={`/organisaties/${o.id}`} className="utrecht-link">
            {o.name}
          </AppLink>
        </li>
      ))}
    </ul>
  );
}
