const TOKEN_KEY = 'hemotrace.token';

export interface Session {
  userId: string;
  role: string;
  siteId: string;
}

/** An answer of the API that is not a success, with its stable code (`AUTH.FORBIDDEN`, `TRACE.UNIT_NOT_FOUND`...). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
  const headers = new Headers(init.headers);
  const bearer = token.get();
  if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  const response = await fetch(`/api/v1${path}`, { ...init, headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(
      response.status,
      body.code ?? `HTTP_${response.status}`,
      body.message ?? response.statusText,
    );
  }
  return response;
};

export const api = async <T>(path: string, init?: RequestInit): Promise<T> =>
  (await request(path, init)).json() as Promise<T>;

export const post = <T>(path: string, body: unknown): Promise<T> =>
  api<T>(path, { method: 'POST', body: JSON.stringify(body) });

/** Downloads an authenticated file (PDF report, signed export) through a blob, since links cannot carry the token. */
export const download = async (path: string, fallbackName: string): Promise<void> => {
  const response = await request(path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  saveBlob(await response.blob(), name);
};

export const saveBlob = (blob: Blob, name: string): void => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** What the page tells a user whose role the API refused, or whose subject is unknown. */
export const explain = (error: unknown): string => {
  if (error instanceof ApiError) {
    if (error.status === 403) return `Your role may not see this (${error.code}).`;
    if (error.status === 404) return `Not found, or not visible to you (${error.code}).`;
    if (error.status === 401) return 'Your token was not accepted: sign in again.';
    return `${error.message} (${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
};
