/** Why a share could not be saved or read; the router turns these into designed tRPC errors. */
export type ShareErrorKind = 'invalid' | 'too-large' | 'not-found' | 'corrupt' | 'rate-limited';

export interface ShareIssue {
  path: string;
  message: string;
}

export class ShareError extends Error {
  constructor(
    readonly kind: ShareErrorKind,
    message: string,
    readonly extra: {
      issues?: ShareIssue[];
      limit?: { name: string; value: number; max: number };
      retryAfterS?: number;
    } = {},
  ) {
    super(message);
    this.name = 'ShareError';
  }
}
