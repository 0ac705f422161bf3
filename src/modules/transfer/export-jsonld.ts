import type { Queryable } from "../../platform/db/client.ts";
import { exportRows } from "./export-rows.ts";

/**
 * The register as JSON-LD in the W3C Organization ontology, as Flanders' OSLO uses it: organisations as
 * org:Organization, collaborations as org:OrganizationalCollaboration, and each membership as a dated
 * org:Membership with its org:role.
 */
export async function exportJsonLd(db: Queryable, baseUrl: string) {
  const [orgs, collabs, members] = await Promise.all([
    exportRows(db, "organisations"),
    exportRows(db, "collaborations"),
    exportRows(db, "memberships"),
  ]);
  const orgId = (key: unknown) => `${baseUrl}/id/organisatie/${key}`;
  const collaborationId = (key: unknown) => `${baseUrl}/id/samenwerkingsverband/${key}`;
  const identifier = (scheme: string, notation: unknown) =>
    notation ? [{ "@type": "adms:Identifier", "skos:notation": String(notation), "adms:schemaAgency": scheme }] : [];
  const interval = (from: unknown, to: unknown) =>
    from || to
      ? {
          "@type": "time:Interval",
          ...(from
            ? {
                "time:hasBeginning": {
                  "@type": "time:Instant",
                  "time:inXSDDate": { "@value": from, "@type": "xsd:date" },
                },
              }
            : {}),
          ...(to
            ? { "time:hasEnd": { "@type": "time:Instant", "time:inXSDDate": { "@value": to, "@type": "xsd:date" } } }
            : {}),
        }
      : undefined;
  const graph: Record<string, unknown>[] = [];
  for (const o of orgs) {
    graph.push({
      "@id": orgId(o.key),
      "@type": "org:Organization",
      "skos:prefLabel": o.name,
      "org:classification": { "@id": `${baseUrl}/id/concept/organisatiesoort/${o.kind}` },
      "adms:identifier": [
        ...identifier("NIS", o.nis_code),
        ...identifier("KBO", o.kbo_number),
        ...identifier("CBS", o.cbs_code),
        ...identifier("KvK", o.kvk_number),
        ...identifier("OIN", o.oin),
      ],
      ...(o.province_key ? { "org:subOrganizationOf": { "@id": orgId(o.province_key) } } : {}),
      ...(o.valid_from || o.valid_to ? { "org:memberDuring": interval(o.valid_from, o.valid_to) } : {}),
      "dcterms:source": o.source,
    });
  }
  for (const c of collabs) {
    graph.push({
      "@id": collaborationId(c.key),
      "@type": "org:OrganizationalCollaboration",
      "skos:prefLabel": c.name,
      "org:classification": { "@id": `${baseUrl}/id/concept/samenwerkingsvorm/${c.form}` },
      "adms:identifier": [...identifier("KBO", c.kbo_number), ...identifier("CBS", c.cbs_code)],
      ...(c.domains
        ? {
            "dcterms:subject": String(c.domains)
              .split(";")
              .map((d) => ({ "@id": `${baseUrl}/id/beleidsdomein/${d}` })),
          }
        : {}),
      ...(c.started_on || c.ended_on ? { "dcterms:temporal": interval(c.started_on, c.ended_on) } : {}),
      "dcterms:source": c.source,
      ...(c.source_date ? { "dcterms:date": { "@value": c.source_date, "@type": "xsd:date" } } : {}),
    });
  }
  members.forEach((m, i) => {
    const during = interval(m.valid_from, m.valid_to);
    graph.push({
      "@id": `${collaborationId(m.collaboration_key)}/lidmaatschap/${i + 1}`,
      "@type": "org:Membership",
      "org:member": { "@id": orgId(m.organisation_key) },
      "org:organization": { "@id": collaborationId(m.collaboration_key) },
      "org:role": { "@id": `${baseUrl}/id/concept/rol/${m.role}` },
      ...(during ? { "org:memberDuring": during } : {}),
      "dcterms:source": m.source,
    });
  });
  return {
    "@context": {
      org: "http://www.w3.org/ns/org#",
      skos: "http://www.w3.org/2004/02/skos/core#",
      adms: "http://www.w3.org/ns/adms#",
      dcterms: "http://purl.org/dc/terms/",
      time: "http://www.w3.org/2006/time#",
      xsd: "http://www.w3.org/2001/XMLSchema#",
    },
    "@graph": graph,
  };
}
