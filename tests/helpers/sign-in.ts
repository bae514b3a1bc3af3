// Signs in through next-auth's credentials endpoint the way the browser does (CSRF token,
// form post), returning the HTTP status and the session cookie jar (and every Set-Cookie line,
// for tests of the cookies' attributes).
export async function signInOverHttp(baseUrl: string, email: string, password: string) {
  const cookies = new Map<string, string>();
  const setCookieLines: string[] = [];
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      setCookieLines.push(line);
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  remember(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  remember(response);
  const body = (await response.json()) as { url: string };
  const error = new URL(body.url, baseUrl).searchParams.get("error");
  const isSignedIn = [...cookies.keys()].some((name) => name.endsWith("next-auth.session-token"));
  return { isSignedIn, error, cookie: cookieHeader(), setCookieLines };
}
