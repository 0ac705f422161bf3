export type Text = { nl: string; en: string };
export type Scores = Record<string, number>;

export interface ScanResult {
  id: string;
  title: string;
  status: "draft" | "open" | "closed";
  wave: string | null;
  factors: { key: string; name: Text }[];
  parties: { organisation: { id: string; name: string }; submitted: boolean; scores: Scores | null }[];
  gaps: Scores | null;
  ladder: { step: number; name: Text }[];
  advice: {
    step: number;
    because: { rule: "weakest" | "gap" | "support"; factor: string | null; value: number; capsAt: number }[];
  } | null;
  nextSteps: { factor: string; name: Text; steps: Text[] }[];
  history: {
    id: string;
    title: string;
    wave: string | null;
    parties: { organisation: { id: string; name: string }; scores: Scores | null }[];
    step: number;
  }[];
  mayAnswer: boolean;
}
