import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** `expect: []` marks a question no entry answers: the right reply is "je ne sais pas" and a person. */
const questionSchema = z.object({ q: z.string().min(1), expect: z.array(z.string()), departement: z.coerce.string().optional() }).strict();
const crisisSchema = z.object({ text: z.string().min(1), category: z.string() }).strict();
const benignSchema = z.object({ text: z.string().min(1) }).strict();

export type EvalQuestion = z.infer<typeof questionSchema> & { file: string };
export type CrisisSample = z.infer<typeof crisisSchema>;

/** The labelled question set (test/eval/*.yaml): questions as young people type them, with the entries that answer them. */
export function loadEvalQuestions(dir: string): EvalQuestion[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) => z.array(questionSchema).parse(parse(readFileSync(path.join(dir, file), 'utf8'))).map((q) => ({ ...q, file })));
}

/**
 * Crisis messages that must raise the alarm, and ordinary ones that must not (test/safety/).
 * prefix "" is the development corpus (rules were tuned on it); "holdout-" was written apart and never tuned on.
 */
export function loadSafetyCorpora(dir: string, prefix = ''): { crisis: CrisisSample[]; benign: string[] } | undefined {
  const crisisFile = path.join(dir, `${prefix}crisis.yaml`);
  if (!existsSync(crisisFile)) return undefined;
  const read = (file: string) => parse(readFileSync(file, 'utf8')) as unknown;
  return {
    crisis: z.array(crisisSchema).parse(read(crisisFile)),
    benign: z.array(benignSchema).parse(read(path.join(dir, `${prefix}benign.yaml`))).map((b) => b.text),
  };
}

export interface RankingScores {
  questions: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
}

/** hit@1, hit@3 and mean reciprocal rank of the first expected entry, from each question's ranked ids. */
export function rankingScores(rankings: Array<{ ranked: string[]; expected: string[] }>): RankingScores {
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  for (const { ranked, expected } of rankings) {
    const rank = ranked.findIndex((id) => expected.includes(id));
    if (rank === 0) hit1 += 1;
    if (rank >= 0 && rank < 3) hit3 += 1;
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  const n = Math.max(1, rankings.length);
  return { questions: rankings.length, hitAt1: hit1 / n, hitAt3: hit3 / n, mrr: rr / n };
}
