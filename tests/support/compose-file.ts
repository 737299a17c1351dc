import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The parts of a compose service the tests look at (the file holds more). */
export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
  env_file?: unknown;
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test: string[] };
  logging?: { driver: string; options?: Record<string, string> };
  restart?: string;
  user?: string;
  read_only?: boolean;
  cap_drop?: string[];
  cap_add?: string[];
  security_opt?: string[];
  tmpfs?: string[];
  init?: boolean;
  ports?: string[];
  volumes?: string[];
  networks?: Record<string, { aliases?: string[] } | null>;
  stop_grace_period?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  /** The file as written, for rules about interpolation. */
  text: string;
}

/** docker-compose.yml, parsed with its YAML anchors and merge keys resolved, as Compose reads it. */
export function readComposeFile(): ComposeFile {
  const text = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  const parsed = parse(text, { merge: true }) as Omit<ComposeFile, 'text'>;
  return { ...parsed, text };
}
