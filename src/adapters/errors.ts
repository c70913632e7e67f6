// Typed adapter errors: values with a code and details, never thrown across the
// adapter boundary. Each face (editor, CLI) words the remedy for its own user;
// `message` says what happened in words that fit both.

export const ADAPTER_ERROR_CODES = [
  'unreachable',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'unsupported',
  'invalid-input',
  'server-error',
  'version-too-old',
  'timeout',
  'cancelled',
] as const;

export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[number];

export interface AdapterError {
  code: AdapterErrorCode;
  /** What happened, one or two sentences ("The ZenML server at http://… refused the API key."). */
  message: string;
  /** The connection it happened on. */
  source?: string;
  /** The HTTP status, when there was a response. */
  status?: number;
  /** The server's own words (error body), trimmed, for the log. */
  detail?: string;
  /** For version-too-old: the version needed and the one found. */
  minimumVersion?: string;
  foundVersion?: string;
}

export function adapterError(code: AdapterErrorCode, message: string, extra: Omit<AdapterError, 'code' | 'message'> = {}): AdapterError {
  return { code, message, ...extra };
}

/** The CLI's exit code for an error (contracts.md): 3 when unreachable or unauthorised, else 1. */
export function exitCodeOf(error: AdapterError): 1 | 3 {
  return error.code === 'unreachable' || error.code === 'unauthorized' || error.code === 'timeout' ? 3 : 1;
}
