import type { Command } from 'commander';
import { type AdminClient, createAdminClient } from '../api/admin-client';
import { edgeOrigin } from '../api/http';
import type { Io } from './io';
import { Output } from './output';

/** The local development edge and operator key (README.md, "Layout"): what every command uses unless told. */
export const LOCAL_EDGE = 'http://127.0.0.1:8787';
export const LOCAL_OPERATOR_KEY = 'op_test_local';

/** The options every command takes (declared once, on the program). */
export interface GlobalOptions {
  edge?: string;
  operatorKey?: string;
  json?: boolean;
}

export interface Context {
  io: Io;
  out: Output;
  edge: string;
  /** The operator API, built on first use so that commands that never call it need no key. */
  admin(): AdminClient;
}

/** The context of a command's action, from its own and the program's options. */
export function contextOf(io: Io, command: Command): Context {
  const options = command.optsWithGlobals<GlobalOptions>();
  const out = new Output(io, options.json === true);
  const edge = edgeOrigin(options.edge ?? io.env.TESSERA_EDGE ?? LOCAL_EDGE);
  const operatorKey = options.operatorKey ?? io.env.TESSERA_OPERATOR_KEY ?? LOCAL_OPERATOR_KEY;
  let client: AdminClient | undefined;
  return {
    io,
    out,
    edge,
    admin: () => {
      client ??= createAdminClient({ edge, key: operatorKey, fetch: io.fetch });
      return client;
    },
  };
}

/** Collects a repeatable option (`--origin a --origin b`); undefined when never given. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
