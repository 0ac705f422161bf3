/** The part of `mjml` Samen uses: MJML in, e-mail HTML out (version 5 answers with a promise). */
declare module "mjml" {
  interface MjmlResult {
    html: string;
    errors: { message: string; formattedMessage: string }[];
  }
  export default function mjml2html(
    mjml: string,
    options?: { validationLevel?: "strict" | "soft" | "skip"; keepComments?: boolean },
  ): Promise<MjmlResult>;
}
