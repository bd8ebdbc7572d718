/**
 * `kubectl create secret`: help text, examples and flags of kubectl 1.32, as data (generated from `kubectl create secret --help`).
 */
import type { HelpData } from './types.ts';

/** What `kubectl create secret --help` prints, as data. */
export const createSecretHelp: HelpData = {
  "short": "Create a secret using a specified subcommand",
  "aliases": [],
  "long": "Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.",
  "usage": "kubectl create secret (docker-registry | generic | tls) [options]",
  "flags": []
};
