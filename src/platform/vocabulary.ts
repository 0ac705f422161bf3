/**
 * The fixed lists of the register, shared by the database schema, the API and the web app.
 * Kept free of imports so the web app can use them without pulling in the server.
 */

/** Kinds of organisation in the register (PRODUCT.md, module 1). */
export const organisationKinds = [
  "province",
  "municipality",
  "ocmw",
  "intermunicipal",
  "nonprofit",
  "company",
  "other",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisationStatuses = ["active", "merged", "dissolved"] as const;
export type OrganisationStatus = (typeof organisationStatuses)[number];

export const countries = ["BE", "NL"] as const;
export type Country = (typeof countries)[number];

/** A user's role in an organisation, from least to most. */
export const roles = ["viewer", "editor", "admin"] as const;
export type Role = (typeof roles)[number];

/**
 * Legal and informal forms of collaboration. Flemish intermunicipal associations (Decreet over het lokaal bestuur),
 * Dutch joint arrangements (Wet gemeenschappelijke regelingen) and the informal ones.
 */
export const collaborationForms = [
  "projectvereniging",
  "dienstverlenende_vereniging",
  "opdrachthoudende_vereniging",
  "opdrachthoudende_vereniging_private",
  "interlokale_vereniging",
  "openbaar_lichaam",
  "bedrijfsvoeringsorganisatie",
  "centrumgemeente",
  "gemeenschappelijk_orgaan",
  "regeling_zonder_meer",
  "gemeenschappelijke_regeling",
  "gastheergemeente",
  "gemeente_ocmw",
  "projectnetwerk",
  "uitbesteding",
] as const;
export type CollaborationForm = (typeof collaborationForms)[number];

/** Real collaboration between governments, or outsourcing a task to a third party. */
export const collaborationNatures = ["collaboration", "outsourcing"] as const;
export type CollaborationNature = (typeof collaborationNatures)[number];

export const collaborationStatuses = ["active", "inactive", "dissolved"] as const;
export type CollaborationStatus = (typeof collaborationStatuses)[number];

/** An organisation's part in a collaboration. */
export const membershipRoles = ["host", "client", "member", "founder", "partner"] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/** The official lists policy domains come from: Flemish BBC 2020 and Dutch Iv3. */
export const policyDomainSchemes = ["bbc", "iv3"] as const;
export type PolicyDomainScheme = (typeof policyDomainSchemes)[number];

/** What the register imports and exports, one row per record. */
export const transferKinds = ["organisations", "collaborations", "memberships"] as const;

/** The fields of a catalogue entry a coordinator writes, in the order forms, history and files show them. */
export const entryFieldNames = [
  "question",
  "answer",
  "theme",
  "status",
  "service",
  "conditions",
  "price",
  "contact",
  "offeredById",
  "tags",
  "synonyms",
  "relatedKeys",
  "domainIds",
] as const;
export type EntryFieldName = (typeof entryFieldNames)[number];

/** Who may read a provider's partner catalogue: the organisations it serves, or everyone. */
export const catalogueVisibilities = ["clients", "public"] as const;
export type CatalogueVisibility = (typeof catalogueVisibilities)[number];

/** A catalogue entry's life: written as a draft, published for the clients, archived when it no longer holds. */
export const entryStatuses = ["draft", "published", "archived"] as const;
export type EntryStatus = (typeof entryStatuses)[number];

/** A front-office ticket's life (PRODUCT.md, module 2). */
export const ticketStatuses = ["new", "assigned", "waiting", "answered", "closed"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** How soon an asker needs an answer; it sets the service level (see the front office's working days). */
export const ticketUrgencies = ["low", "normal", "high"] as const;
export type TicketUrgency = (typeof ticketUrgencies)[number];

/**
 * What a message in a ticket's conversation is: the asker's reply, the desk's question back to the asker
 * (the ticket then waits for the asker), the desk's answer, or a note only the desk sees.
 */
export const ticketMessageKinds = ["reply", "question", "answer", "note"] as const;
export type TicketMessageKind = (typeof ticketMessageKinds)[number];

/** A framework agreement's life (raamovereenkomst). */
export const frameworkStatuses = ["draft", "consultation", "signed", "active", "ended"] as const;
export type FrameworkStatus = (typeof frameworkStatuses)[number];

/** The legal regime whose deadlines apply: the Dutch Wgr (as amended in 2022) or the Flemish Decreet Lokaal Bestuur. */
export const legalRegimes = ["wgr", "dlb"] as const;
export type LegalRegime = (typeof legalRegimes)[number];

/** The domains sub-agreements (deelovereenkomsten) usually cover. */
export const serviceDomains = ["social", "ict", "purchasing", "finance", "hr", "other"] as const;
export type ServiceDomain = (typeof serviceDomains)[number];

export const settlementStatuses = ["draft", "approved"] as const;
export type SettlementStatus = (typeof settlementStatuses)[number];

/** Where a member of staff moving to the host stands (personeelsoverdracht). */
export const staffTransferStatuses = ["planned", "consulting", "agreed", "transferred", "withdrawn"] as const;
export type StaffTransferStatus = (typeof staffTransferStatuses)[number];

/**
 * Who is consulted on a transfer of staff: the works council (ondernemingsraad) of a Dutch municipality, or the
 * unions' consultation (georganiseerd overleg; in Flanders the onderhandelingscomité).
 */
export const consultationBodies = ["works_council", "union_consultation"] as const;
export type ConsultationBody = (typeof consultationBodies)[number];

export const consultationOutcomes = ["pending", "positive", "positive_with_conditions", "negative"] as const;
export type ConsultationOutcome = (typeof consultationOutcomes)[number];

/** A survey's life: prepared, open for answers (invitations sent), closed (results final). */
export const surveyStatuses = ["draft", "open", "closed"] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

/** One organisation's answer: drafted by its officials, then approved and submitted by one. */
export const responseStatuses = ["draft", "submitted"] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

/** What the results can be split by: what the register knows of each organisation. */
export const segmentDimensions = ["sizeClass", "kind", "province", "collaboration"] as const;
export type SegmentDimension = (typeof segmentDimensions)[number];

/** A survey of organisations, or a readiness scan (samenwerkingsscan) its parties answer together. */
export const surveyKinds = ["survey", "scan"] as const;
export type SurveyKind = (typeof surveyKinds)[number];

/** A partner project's status. */
export const projectStatuses = ["planned", "running", "completed", "stopped"] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

/**
 * A participant's own track in a project, in order: the intake, the analysis of its dossiers, a draft (a plan,
 * a policy text), and its adoption by the organisation's council or board.
 */
export const projectStages = ["intake", "analysis", "draft", "adopted"] as const;
export type ProjectStage = (typeof projectStages)[number];

/** A deployment on site: planned, then done or cancelled. */
export const deploymentStatuses = ["planned", "done", "cancelled"] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];

/** Whose deployments a calendar feed carries. */
export const deploymentFeedKinds = ["staff", "organisation", "project"] as const;
export type DeploymentFeedKind = (typeof deploymentFeedKinds)[number];

/** What a deployment runs into: a staff member's other deployment, their leave, a day the organisation is closed. */
export const deploymentConflicts = ["leave", "closed"] as const;
export type DeploymentConflict = (typeof deploymentConflicts)[number];

/** A newsletter subscriber: waiting for their confirmation, confirmed, or unsubscribed. */
export const subscriberStatuses = ["unconfirmed", "confirmed", "unsubscribed"] as const;
export type SubscriberStatus = (typeof subscriberStatuses)[number];

/** A newsletter issue: a draft, being sent, sent. */
export const issueStatuses = ["draft", "sending", "sent"] as const;
export type IssueStatus = (typeof issueStatuses)[number];

/** The send record of an issue to one subscriber. */
export const deliveryStatuses = ["pending", "sending", "sent", "failed", "uncertain"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** One item of a newsletter issue: a heading, Markdown, a link, and what it was made from. */
export interface NewsletterItem {
  kind: "update" | "entry" | "survey" | "purchase" | "text";
  title: string;
  body: string;
  url: string | null;
  sourceId: string | null;
}

/** A person's place in a project's team: its lead or a member. */
export const teamRoles = ["lead", "member"] as const;
export type TeamRole = (typeof teamRoles)[number];

/** What a joint purchase buys: the subjects local governments bundle most. */
export const purchaseSubjects = [
  "energy",
  "ict_hardware",
  "software",
  "legal_services",
  "office_supplies",
  "vehicles",
  "insurance",
  "facility_services",
  "other",
] as const;
export type PurchaseSubject = (typeof purchaseSubjects)[number];

/**
 * A bundle's course, in order: the lead buyer prepares it, participants declare their demand in a window, it is
 * tendered, awarded per lot, runs as a framework agreement from which participants call off, and is closed.
 */
export const bundleStatuses = ["preparing", "collecting", "tendering", "awarded", "running", "closed"] as const;
export type BundleStatus = (typeof bundleStatuses)[number];

/**
 * The lead buyer's part: it buys for itself and others (the procuring entity), or it buys only for others as a
 * central purchasing body (a province, an intermunicipal company).
 */
export const leadRoles = ["procuringEntity", "centralPurchasingBody"] as const;
export type LeadRole = (typeof leadRoles)[number];

/** Who committed a participant's demand: its council or its board (college, bestuur, directiecomité). */
export const commitmentBodies = ["council", "board"] as const;
export type CommitmentBody = (typeof commitmentBodies)[number];

/** How a participant came in: declaring demand in the window, or later by a call-off from the framework. */
export const declarationKinds = ["demand", "callOff"] as const;
export type DeclarationKind = (typeof declarationKinds)[number];

/** Whose organisation register a supplier's identifier is from (org-id.guide's list codes). */
export const supplierSchemes = ["BE-BCE_KBO", "NL-KVK", "XI-VAT"] as const;
export type SupplierScheme = (typeof supplierSchemes)[number];

/** The bodies of a collaboration an organisation sends a representative to. */
export const representativeBodies = ["board", "generalMeeting"] as const;
export type RepresentativeBody = (typeof representativeBodies)[number];

/** What a municipality may show on its public page; it chooses which (nothing private is among them). */
export const publicSections = ["collaborations", "payments", "representatives", "deadlines"] as const;
export type PublicSection = (typeof publicSections)[number];

/** Themes an organisation says it wants to co-create on, to find others who said the same (matchmaking). */
export const coCreationThemes = [
  "smartCity",
  "climate",
  "digitalServices",
  "dataAndAi",
  "cyberSecurity",
  "socialDomain",
  "mobility",
  "housing",
  "procurement",
  "hrAndStaff",
  "welcomeDesk",
  "cultureAndLeisure",
] as const;
export type CoCreationTheme = (typeof coCreationThemes)[number];

/** What a mandate may let one organisation do for another: answer its surveys, keep its register entries, read its settlements. */
export const mandateScopes = ["surveys", "register", "settlements"] as const;
export type MandateScope = (typeof mandateScopes)[number];
