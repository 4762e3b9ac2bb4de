import type { ApiErrorCode } from '@tessera/protocol';

/**
 * Codes of the CLI's own refusals, beside the edge's catalog (`not_found`, `invalid_request`, …), which pass through
 * as the edge sent them. Stable: scripts switch on them.
 */
export const CLI_ERRORS = {
  usage: 'The command line is not valid.',
  invalid_config: 'The configuration file is not valid.',
  config_unreadable: 'The configuration file cannot be read.',
  confirmation_required: 'Nothing was applied: confirm the plan, or pass --yes.',
  edge_unreachable: 'The edge cannot be reached.',
  invalid_response: 'The edge answered with something other than the expected JSON or a problem document.',
  rotation_failed: 'The rotation finished with merchants it could not rewrap.',
} as const;

export type CliErrorCode = keyof typeof CLI_ERRORS | ApiErrorCode | (string & {});

export interface CliErrorInit {
  code: CliErrorCode;
  /** The HTTP status of an edge problem; absent for the CLI's own refusals. */
  status?: number | undefined;
  title?: string | undefined;
  detail?: string | undefined;
  param?: string | undefined;
  requestId?: string | undefined;
}

/**
 * A refusal the CLI reports plainly and exits non-zero for: an edge problem (RFC 9457, its code kept), or the
 * CLI's own (`invalid_config`, `usage`, …). Anything else is a bug and keeps its stack.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  readonly status: number | undefined;
  readonly title: string;
  readonly detail: string | undefined;
  readonly param: string | undefined;
  readonly requestId: string | undefined;

  constructor(init: CliErrorInit) {
    const title = init.title ?? (CLI_ERRORS as Record<string, string>)[init.code] ?? init.code;
    super(init.detail === undefined ? title : `${title} ${init.detail}`);
    this.code = init.code;
    this.status = init.status;
    this.title = title;
    this.detail = init.detail;
    this.param = init.param;
    this.requestId = init.requestId;
  }

  /** The exit code: 2 for a usage mistake, 1 for anything refused. */
  get exitCode(): number {
    return this.code === 'usage' ? 2 : 1;
  }

  /** What `--json` prints: the problem's members that are set. */
  toJSON() {
    return {
      error: {
        code: this.code,
        ...(this.status === undefined ? {} : { status: this.status }),
        message: this.title,
        ...(this.detail === undefined ? {} : { detail: this.detail }),
        ...(this.param === undefined ? {} : { param: this.param }),
        ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
      },
    };
  }
}

export const usageError = (detail: string) => new CliError({ code: 'usage', detail });

/** Ends the command with an exit code, having said why already (a delegated tool printed its own message). */
export class ExitCode extends Error {
  override readonly name = 'ExitCode';
  readonly code: number;

  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}
