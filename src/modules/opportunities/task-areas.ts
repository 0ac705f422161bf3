import type { Country } from "../../platform/vocabulary.ts";

/**
 * The task areas opportunities are compared on: the top of the official policy-domain lists, BBC beleidsdomeinen in
 * Flanders (`bbc:0`–`bbc:9`) and Iv3 hoofdtaakvelden in the Netherlands (`iv3:0`–`iv3:8`).
 *
 * Domains entered on a collaboration count as they are. The official lists of intermunicipal associations and joint
 * arrangements carry no domain at all, so for a collaboration without entered domains Samen infers them from its
 * name by the rules below: words that say what it does ("afval", "GGD", "belastingsamenwerking") and the names of
 * well-known bodies whose name does not ("Fluvius", "Cipal", "Pidpa"). A collaboration no rule matches has no task
 * area and is left out of the comparison rather than guessed. See docs/decisions/0021-opportunities-and-council.md.
 */
interface Rule {
  pattern: RegExp;
  bbc: string;
  iv3: string;
}

const rules: Rule[] = [
  // Waste, environment, water and energy: BBC 3 natuur en milieubeheer (0300 afval, 0310 afvalwater, 0350 klimaat en
  // energie), Iv3 7 volksgezondheid en milieu (7.2 riolering, 7.3 afval, 7.4 milieubeheer).
  {
    pattern:
      /afval|vuil|reinig|milieu|omgevingsdienst|\bodr?\b|limburg\.net|ivago|isvag|ivarem|ivbo|ivvo|imog|\bivm\b|verko|ecowerf|mirom|ibogem|incovo|dcmr|fumo|avalex|\bavri\b|\bcure\b|\brova\b|\bhvc\b|riool|riolering|rioned|afvalwater|aquafin|pidpa|tmvw|tmvs|farys|inter-aqua|iwva|iwvb|riobra|aquon|water-link|watermaatschappij|\bwml\b|stortplaats|energie|\bgas|elektri|fluvius|iverlek|imewo|gaselwest|intergem|iveka|imea|sibelgas|intergas|finea|figga|fingem|finilek|finiwo|\biveg\b|\bpbe\b|infrax|regionaal landschap|natuur|bos\b|uitvoeringsdienst|\brud\b|waterschap|grondwater|groen\b|muskusrat|dierenasiel/i,
    bbc: "3",
    iv3: "7",
  },
  // Public health (GGD) belongs with welfare in Flanders (BBC 9) and with health in the Netherlands (Iv3 7).
  { pattern: /\bggd\b|\brdog\b|gezondheid|ambulance|\brav\b|crematori|begraaf/i, bbc: "9", iv3: "7" },
  // Safety: fire services, police, safety regions (BBC 4, Iv3 1).
  { pattern: /veiligheid|brandweer|hulpverlening|politie|rampen|zone\b|crisisbeheer/i, bbc: "4", iv3: "1" },
  // The social domain: social services, sheltered work, youth care, welfare, childcare (BBC 9, Iv3 6).
  {
    pattern:
      /sociaal|sociale|werkvoorziening|werkbedrijf|werk en inkomen|participatie|\bisd\b|jeugdzorg|jeugdhulp|welzijn|zorg|opvang|kinderopvang|wijk-?werk|armoede|schuldhulp|inburgering|\bocmw\b|woonzorg|dienstencentrum|\bwsw\b|avres|diamant-groep|felua|ferm werk|drechtwerk|kredietbank|arbeid|werkt\b|halte werk|orionis|promen|permar|pentasz|hefpunt/i,
    bbc: "9",
    iv3: "6",
  },
  // Work and the economy: business parks, tourism, regional development (BBC 5, Iv3 3).
  {
    pattern:
      /bedrijven|bedrijfsterrein|bedrijvenpark|industrie|haven|economi|toerisme|ondernem|streekontwikkeling|ontwikkelingsmaatschappij|\bpom\b|interleuven|haviland|leiedal|interwaas|\bwvi\b|\biok\b|igean|igemo|\bpov\b|veneco|solva|\bigo\b|interrand/i,
    bbc: "5",
    iv3: "3",
  },
  // Housing and spatial planning (BBC 6, Iv3 8).
  {
    pattern: /wonen|woon|huisvesting|ruimtelijk|grondbeleid|gebiedsontwikkeling|grondbank|stadsvernieuwing|bouw/i,
    bbc: "6",
    iv3: "8",
  },
  // Culture, heritage, sport, youth work, libraries and leisure (BBC 7, Iv3 5).
  {
    pattern:
      /cultu|erfgoed|\bioed\b|archeolog|museum|bibliot|muziekschool|kunst|sport|zwembad|recreatie|recreactie|plassenschap|parkschap|meerschap|vrijetijd|jeugddienst|jeugdregio|toneel|schouwburg|theater/i,
    bbc: "7",
    iv3: "5",
  },
  // Education (BBC 8, Iv3 4).
  { pattern: /onderwijs|school(?!.*muziek)|leerplicht|leerling|educatie|\brmc\b|academie/i, bbc: "8", iv3: "4" },
  // Mobility and roads (BBC 2, Iv3 2).
  {
    pattern: /mobiliteit|vervoer|verkeer|bereikbaarheid|parkeer|wegen|nautisch|openbare verlichting/i,
    bbc: "2",
    iv3: "2",
  },
  // Governance and support: ICT, taxes, archives, shared service centres, staff, purchasing (BBC 1, Iv3 0).
  {
    pattern:
      /belasting|cocensus|munitax|gbl?t|archief|historisch centrum|informatie|automatisering|\bict\b|\bssc\b|shared service|bedrijfsvoering|werkorganisatie|ambtelijke|cipal|digipolis|inter-?media|rekenkamer|personeel|inkoop|aankoop|\bdvv\b|dienstverlenende vereniging|bestuursdienst|centrumregeling|\bbar\b|ombudsman|klachten|\bregio\b|metropoolregio|stadsregio|holland-rijnland|drechtsteden/i,
    bbc: "1",
    iv3: "0",
  },
];

/** The task area ids a collaboration's name and description point to, in the scheme of its country. */
export function inferTaskAreas(country: Country, name: string, description: string | null = null): string[] {
  const text = `${name} ${description ?? ""}`;
  const scheme = country === "NL" ? "iv3" : "bbc";
  const out = new Set<string>();
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    if (rule.pattern.test(text)) out.add(`${scheme}:${country === "NL" ? rule.iv3 : rule.bbc}`);
  }
  return [...out].sort();
}
