/**
 * A signed-in person of the console: a référent (their départements only), a coordinator (all of them), or an
 * editor of the knowledge base (no case at all).
 */
export interface Actor {
  id: string;
  name: string;
  /** How the young person sees them: "référente", "éducateur"... */
  title: string;
  role: 'referent' | 'coordinator' | 'editor';
  departements: string[];
}

/** True when the actor may see and act on a case of this département. */
export function covers(actor: Actor, departement: string | null): boolean {
  if (actor.role === 'coordinator') return true;
  return departement !== null && actor.departements.includes(departement);
}
