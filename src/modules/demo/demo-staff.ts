import type { Tx } from "../../platform/db/client.ts";
import { staffTransferPeople, staffTransfers, worksCouncilConsultations } from "../../platform/db/schema.ts";
import type { ConsultationOutcome, StaffTransferStatus } from "../../platform/vocabulary.ts";

/**
 * The staff who moved to Emmen under the demo framework, and the works councils' advice on it. The people are
 * made up for the demo (the framework is marked as demo); their names are shown only to the HR demo accounts.
 */
export async function loadDemoStaff(
  tx: Tx,
  frameworkId: string,
  ids: { emmen: string; coevorden: string; borger: string },
) {
  const people: [string, string, number, string, string, StaffTransferStatus, string][] = [
    ["CO-2024-001", "Klantmanager Participatie", 1, "coevorden", "2024-01-01", "transferred", "Ans de Vries"],
    ["CO-2024-002", "Klantmanager Participatie", 0.89, "coevorden", "2024-01-01", "transferred", "Mohamed Bouzid"],
    ["CO-2024-003", "Consulent Schuldhulpverlening", 0.78, "coevorden", "2024-01-01", "transferred", "Gerda Lubbers"],
    ["CO-2024-004", "Applicatiebeheerder Sociaal Domein", 1, "coevorden", "2024-01-01", "transferred", "Dennis Wubs"],
    ["CO-2024-005", "Inkoopadviseur", 0.67, "coevorden", "2024-01-01", "withdrawn", "Karin Brink"],
    ["BO-2024-001", "Klantmanager Inkomen", 1, "borger", "2024-01-01", "transferred", "Jeroen Smit"],
    ["BO-2024-002", "Functioneel Beheerder", 0.89, "borger", "2024-01-01", "transferred", "Linda Oosting"],
    ["BO-2024-003", "Medewerker Inkoop", 0.56, "borger", "2024-01-01", "transferred", "Harm Kuipers"],
    ["CO-2027-001", "Informatieadviseur", 1, "coevorden", "2027-01-01", "consulting", "Sanne Veenstra"],
    ["BO-2027-001", "Privacy Officer", 0.5, "borger", "2027-01-01", "planned", "Tom Hadders"],
  ];
  for (const [reference, fn, fte, from, transferOn, status, name] of people) {
    const [row] = await tx
      .insert(staffTransfers)
      .values({
        frameworkId,
        reference,
        function: fn,
        fteHundredths: Math.round(fte * 100),
        fromOrganisationId: ids[from as "coevorden" | "borger"],
        transferOn,
        status,
      })
      .returning({ id: staffTransfers.id });
    if (row) await tx.insert(staffTransferPeople).values({ transferId: row.id, name, personnelNumber: null });
  }
  const consultations: [keyof typeof ids, string, string | null, string | null, ConsultationOutcome, string | null][] =
    [
      [
        "coevorden",
        "2023-09-04",
        "2023-10-16",
        "2023-10-09",
        "positive_with_conditions",
        "Reiskostenregeling blijft twee jaar gelijk",
      ],
      ["borger", "2023-09-04", "2023-10-16", "2023-10-12", "positive", null],
      ["emmen", "2023-09-11", "2023-10-23", "2023-10-19", "positive", null],
      ["coevorden", "2026-10-05", "2026-11-30", null, "pending", "Overgang informatieadvies per 2027"],
    ];
  for (const [party, requestedOn, adviceDueOn, advisedOn, outcome, note] of consultations) {
    await tx.insert(worksCouncilConsultations).values({
      frameworkId,
      organisationId: ids[party],
      body: "works_council",
      requestedOn,
      adviceDueOn,
      advisedOn,
      outcome,
      note,
    });
  }
  return people.length;
}
