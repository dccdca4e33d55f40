import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

import { AppError } from '../errors.js';

/** msal-node's default network timeout, kept so the sandbox fails as fast as production would. */
const DEFAULT_TIMEOUT_IN_MS = 30_000;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * msal-node's network client for the sandbox: requests to the configured authority origin (e.g.
 * `https://login.sandbox.test`) go to the sandbox on loopback instead, so MSAL runs its real code path
 * against a made-up https authority (shared/reference/local-platform-checks.md). Any other URL is
 * refused: this client carries the client secret and must never talk to anything but the sandbox.
 */
export class LoopbackNetworkClient implements INetworkModule {
  private readonly authorityOrigin: string;
  private readonly target: URL;

  /**
   * @param authorityOrigin origin MSAL is configured with, e.g. `https://login.sandbox.test`.
   * @param loopbackBaseUrl where the sandbox listens, e.g. `http://127.0.0.1:7071`.
   * @throws AppError (code `config_invalid`) when the target is not a loopback address.
   */
  constructor(authorityOrigin: string, loopbackBaseUrl: string) {
    this.authorityOrigin = new URL(authorityOrigin).origin;
    this.target = new URL(loopbackBaseUrl);
    if (!LOOPBACK_HOSTS.has(this.target.hostname)) {
      throw new AppError(
        `The sandbox authority must be on loopback, not '${this.target.hostname}'.`,
        'config_invalid',
      );
    }
  }

  /** Translates an authority URL into the loopback URL it is served at. */
  mapUrl(url: string): string {
    const parsed = new URL(url);
    if (parsed.origin !== this.authorityOrigin) {
      throw new AppError(
        `Refusing to send an authentication request to '${parsed.origin}'.`,
        'token_acquisition_failed',
      );
    }
    const basePath = this.target.pathname.replace(/\/$/, '');
    return `${this.target.origin}${basePath}${parsed.pathname}${parsed.search}`;
  }

  async sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeoutInMs = DEFAULT_TIMEOUT_IN_MS,
  ): Promise<NetworkResponse<T>> {
    const response = await fetch(this.mapUrl(url), {
      method,
      ...(options?.headers ? { headers: options.headers } : {}),
      ...(method === 'POST' && options?.body !== undefined ? { body: options.body } : {}),
      signal: AbortSignal.timeout(timeoutInMs),
    });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    // MSAL reads error details from the body; an empty or non-JSON body becomes `{}` as with its own client.
    return { headers, body: parseJson(text) as T, status: response.status };
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
