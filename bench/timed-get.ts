/** One timed GET for the benchmarks (bench/runtime.ts in-process, bench/timed-client.ts in a process of its own). */
import http from "node:http";

/** Latency of one GET of `/` over `agent` (kept alive), in ms; the body goes to `last`. */
export async function timedGet(agent: http.Agent, port: number, host: string, last: { body: string } = { body: "" }): Promise<number> {
  const t0 = performance.now();
  last.body = await new Promise<string>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", headers: { host }, agent }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
  return performance.now() - t0;
}
