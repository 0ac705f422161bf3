import { Heading1, Paragraph } from "@utrecht/component-library-react";
import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  type SimulationNodeDatum,
} from "d3-force";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "../../app/router.tsx";
import { useSession } from "../../app/session.tsx";
import { useApi } from "../../app/use-api.ts";
import { RegisterTabs } from "../../components/RegisterTabs.tsx";
import { DomainField, ProvinceField } from "../../components/Selects.tsx";
import { EmptyState, ErrorState, Loading } from "../../components/states.tsx";
import type { OrganisationSummary } from "../organisations/types.ts";

interface GraphNode extends SimulationNodeDatum {
  id: string;
  type: "organisation" | "collaboration";
  name: string;
  group: string;
  degree: number;
}
interface Graph {
  nodes: GraphNode[];
  edges: { source: string; target: string; role: string }[];
}

const SIZE = 900;

/** Lays the graph out once (a fixed number of force steps), so the picture is the same on every visit. */
function layout(graph: Graph) {
  const nodes = graph.nodes.map((n, i) => ({ ...n, x: SIZE / 2 + Math.cos(i) * i, y: SIZE / 2 + Math.sin(i) * i }));
  const links = graph.edges.map((e) => ({ ...e }));
  const simulation = forceSimulation(nodes)
    .force(
      "link",
      forceLink(links)
        .id((d) => (d as GraphNode).id)
        .distance(40)
        .strength(0.6),
    )
    .force("charge", forceManyBody().strength(-60))
    .force("collide", forceCollide(8))
    .force("center", forceCenter(SIZE / 2, SIZE / 2))
    .stop();
  simulation.tick(300);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return { nodes, links: graph.edges.map((e) => ({ ...e, a: byId.get(e.source), b: byId.get(e.target) })) };
}

/** The graph of organisations and the collaborations between them, for a province, a domain or one collaboration. */
export default function NetworkPage() {
  const { t } = useTranslation();
  const { navigate } = useLocation();
  const { session } = useSession();
  const provinces = useApi<{ items: OrganisationSummary[] }>("/organisations?kind=province&limit=50");
  const own = useApi<OrganisationSummary>(
    session?.activeOrganisation ? `/organisations/${session.activeOrganisation.id}` : null,
  );
  const { path } = useLocation();
  const params = new URLSearchParams(path.split("?")[1] ?? "");
  const collaboration = params.get("samenwerking");
  const [province, setProvince] = useState("");
  const [domain, setDomain] = useState("");
  const start =
    province || (own.data ? (own.data.kind === "province" ? own.data.id : (own.data.province?.id ?? "")) : "");
  const effective = start || provinces.data?.items.find((p) => p.country === "BE")?.id || "";
  const graph = useApi<Graph>(
    collaboration
      ? `/network?collaboration=${collaboration}`
      : effective
        ? `/network?province=${effective}${domain ? `&domain=${domain}` : ""}`
        : null,
  );
  const drawn = useMemo(() => (graph.data ? layout(graph.data) : null), [graph.data]);
  const collaborations = (graph.data?.nodes ?? [])
    .filter((n) => n.type === "collaboration")
    .sort((a, b) => b.degree - a.degree);

  return (
    <>
      <RegisterTabs />
      <Heading1>{t("network.title")}</Heading1>
      <Paragraph lead>{t("network.intro")}</Paragraph>
      {collaboration ? (
        <Paragraph>
          {t("network.oneCollaboration")}{" "}
          <a
            href="/netwerk"
            className="utrecht-link"
            onClick={(e) => {
              e.preventDefault();
              navigate("/netwerk");
            }}
          >
            {t("network.backToProvince")}
          </a>
        </Paragraph>
      ) : null}
      <div className="samen-filters samen-filters--two" hidden={Boolean(collaboration)}>
        <ProvinceField label={t("map.region")} value={effective} onChange={setProvince} />
        <DomainField value={domain} onChange={setDomain} empty={t("collaborations.allDomains")} />
      </div>
      {graph.loading || (!graph.data && !graph.error) ? <Loading /> : null}
      {graph.error ? <ErrorState error={graph.error} onRetry={graph.reload} /> : null}
      {graph.data && graph.data.nodes.length === 0 ? (
        <EmptyState>
          <Paragraph>{t("network.none")}</Paragraph>
        </EmptyState>
      ) : null}
      {drawn?.nodes.length ? (
        <figure className="samen-network">
          <nav aria-label={t("network.svgLabel", { count: drawn.nodes.length })}>
            <svg viewBox={`0 0 ${SIZE} ${SIZE}`}>
              <title>{t("network.svgLabel", { count: drawn.nodes.length })}</title>
              <g className="samen-network__edges">
                {drawn.links.map((l) =>
                  l.a && l.b ? (
                    <line key={`${l.source}-${l.target}-${l.role}`} x1={l.a.x} y1={l.a.y} x2={l.b.x} y2={l.b.y} />
                  ) : null,
                )}
              </g>
              {drawn.nodes.map((n) => {
                const href = n.type === "organisation" ? `/organisaties/${n.id}` : `/samenwerkingen/${n.id}`;
                const r = n.type === "organisation" ? 5 : 3 + Math.min(8, Math.sqrt(n.degree));
                return (
                  <a
                    key={n.id}
                    href={href}
                    aria-label={`${n.name} (${n.type === "organisation" ? t(`kind.${n.group}`) : t("network.collaborationWith", { count: n.degree })})`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(href);
                    }}
                  >
                    {n.type === "organisation" ? (
                      <circle cx={n.x} cy={n.y} r={r} className="samen-network__organisation">
                        <title>{n.name}</title>
                      </circle>
                    ) : (
                      <rect
                        x={(n.x ?? 0) - r}
                        y={(n.y ?? 0) - r}
                        width={r * 2}
                        height={r * 2}
                        className="samen-network__collaboration"
                      >
                        <title>{`${n.name}: ${t("network.collaborationWith", { count: n.degree })}`}</title>
                      </rect>
                    )}
                    {n.type === "organisation" ? (
                      <text x={(n.x ?? 0) + 7} y={(n.y ?? 0) + 3} className="samen-network__label">
                        {n.name}
                      </text>
                    ) : null}
                  </a>
                );
              })}
            </svg>
          </nav>
          <figcaption className="samen-legend">
            <span className="samen-legend__dot" /> {t("network.organisation")} <span className="samen-legend__square" />{" "}
            {t("network.collaboration")}
          </figcaption>
        </figure>
      ) : null}
      {collaborations.length ? (
        <details className="samen-details">
          <summary>{t("network.asList")}</summary>
          <ul>
            {collaborations.map((c) => (
              <li key={c.id}>
                {c.name}: {t("network.collaborationWith", { count: c.degree })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
