/**
 * Removes what identifies a person from a question before it is stored for editors:
 * e-mails, phone numbers, long numbers (social security, bank, file numbers), street addresses,
 * URLs, and names introduced as names.
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[email]')
    .replace(/https?:\/\/\S+/g, '[lien]')
    .replace(/(\+33\s?|0)[1-9]([\s.-]?\d{2}){4}/g, '[téléphone]')
    .replace(/\b\d[\d\s]{7,}\d\b/g, '[numéro]')
    .replace(/\b\d{1,4}\s?(bis|ter)?,?\s(rue|avenue|av|bd|boulevard|allée|allee|chemin|impasse|place|cours|quai)\b[^,.;\n]*/gi, '[adresse]')
    .replace(/\b(je m'appelle|je m appelle|moi c'est|mon nom est|my name is)\s+\p{L}+(\s+\p{Lu}\p{L}+)?/giu, '$1 [nom]')
    .slice(0, 1000);
}
