// A tiny netdiag API client for the demo and bench scripts: logs in with the admin
// credentials, mints an API token, and uses it as a script would.
export async function connect(base, username, password) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login as ${username} failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  const minted = await fetch(`${base}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie },
    body: JSON.stringify({ name: `script-${Date.now()}` }),
  });
  if (!minted.ok) throw new Error(`creating an API token failed: ${minted.status} ${await minted.text()}`);
  const { token } = await minted.json();
  return async function call(method, path, body) {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = res.status === 204 ? null : await res.json();
    return { status: res.status, data };
  };
}
