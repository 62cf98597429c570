import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Domains that count as official sources (knowledge/official-sources.yaml, kept by editors). */
export class OfficialSources {
  constructor(private readonly domains: string[]) {}

  static load(knowledgeDir: string): OfficialSources {
    const data = parse(readFileSync(path.join(knowledgeDir, 'official-sources.yaml'), 'utf8')) as { domains?: string[] };
    return new OfficialSources((data.domains ?? []).map((d) => d.toLowerCase()));
  }

  isOfficial(url: string): boolean {
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      return false;
    }
    return this.domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
  }
}
