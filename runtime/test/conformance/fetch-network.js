/** fetch() against a loopback server the test allows: redirect modes, AbortSignal, bodies, cookies. */
import { conformance } from "./harness.js";

export default conformance(async (t, { env }) => {
  const origin = env.ORIGIN;
  t.section("fetch");
  const echo = await fetch(`${origin}/echo?q=1`, { method: "POST", headers: { "x-test": "yes" }, body: "payload" });
  t.eq(echo.status, 200, "status");
  const seen = await echo.json();
  t.eq([seen.method, seen.url, seen.headers["x-test"], seen.body], ["POST", "/echo?q=1", "yes", "payload"], "request reached the server intact");
  t.eq(seen.headers["content-type"], "text/plain;charset=UTF-8", "content type of a string body");
  const jsonBody = await (await fetch(`${origin}/echo`, { method: "PUT", body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json" } })).json();
  t.eq(JSON.parse(jsonBody.body), { a: 1 }, "JSON body");
  const form = new FormData();
  form.append("k", "v");
  const formEcho = await (await fetch(`${origin}/echo`, { method: "POST", body: form })).json();
  t.ok(formEcho.body.includes('name="k"') && formEcho.headers["content-type"].startsWith("multipart/form-data; boundary="), "FormData body is sent as multipart");
  const streamEcho = await (await fetch(`${origin}/echo`, { method: "POST", body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("from a stream")); c.close(); } }), duplex: "half" })).json();
  t.eq(streamEcho.body, "from a stream", "ReadableStream request body");
  const viaRequest = await (await fetch(new Request(`${origin}/echo`, { method: "DELETE" }))).json();
  t.eq(viaRequest.method, "DELETE", "fetch(Request)");

  t.section("redirect modes");
  const followed = await fetch(`${origin}/redirect`);
  t.eq([followed.status, followed.redirected, new URL(followed.url).pathname], [200, true, "/echo"], "follow");
  const manual = await fetch(`${origin}/redirect`, { redirect: "manual" });
  t.eq([manual.status, manual.headers.get("location"), manual.redirected], [302, "/echo", false], "manual returns the redirect");
  await t.rejects(() => fetch(`${origin}/redirect`, { redirect: "error" }), "TypeError", "error mode rejects");
  const see = await (await fetch(`${origin}/redirect303`, { method: "POST", body: "dropped" })).json();
  t.eq([see.method, see.body], ["GET", ""], "303 turns POST into GET without body");

  t.section("response");
  const cookies = await fetch(`${origin}/cookies`);
  t.eq(cookies.headers.getSetCookie(), ["a=1", "b=2"], "getSetCookie on a fetched response");
  await cookies.body.cancel();
  const nobody = await fetch(`${origin}/status/204`);
  t.eq([nobody.status, nobody.body], [204, null], "204 has a null body");
  const chunks = [];
  for await (const c of (await fetch(`${origin}/chunks`)).body) chunks.push(new TextDecoder().decode(c));
  t.eq(chunks.join(""), "onetwothree", "streamed response body");
  const head = await fetch(`${origin}/echo`, { method: "HEAD" });
  t.eq(head.body, null, "HEAD response has a null body");

  t.section("AbortSignal");
  const aborted = AbortSignal.abort(new Error("early"));
  await t.rejects(() => fetch(`${origin}/echo`, { signal: aborted }), "Error", "an already aborted signal rejects with its reason");
  const ac = new AbortController();
  const pending = fetch(`${origin}/slow`, { signal: ac.signal });
  setTimeout(() => ac.abort(), 20);
  await t.rejects(pending, "AbortError", "abort while waiting for headers");
  const timed = Date.now();
  await t.rejects(() => fetch(`${origin}/slow`, { signal: AbortSignal.timeout(30) }), "TimeoutError", "AbortSignal.timeout");
  t.ok(Date.now() - timed < 2000, "timeout fired promptly");
  const bodyAc = new AbortController();
  const res = await fetch(`${origin}/hang-body`, { signal: bodyAc.signal });
  t.eq(res.status, 200, "headers of a hanging body");
  const reading = res.text();
  bodyAc.abort();
  await t.rejects(reading, null, "abort after the headers errors the body");
  await t.rejects(() => fetch("ftp://example.com/"), "TypeError", "unsupported scheme");
  await t.rejects(() => fetch("http://10.0.0.1/"), "TypeError", "egress policy still applies");
});
