/**
 * A process of its own that times single requests for bench/runtime.ts ("first request after
 * deploy"): the bench process also hosts the stand-in console, which works right before the idle
 * only in the deploy round (it serves the change feed and polls for the heartbeat), and a client
 * in that process measured the deploy round ~0.4 ms faster than one that does the same in both.
 * Reads one JSON line per request, {"port":..,"host":".."}, and answers {"ms":..,"body":".."} (ms
 * -1 and the error as body on failure). One keep-alive connection, as a browser would hold.
 */
import http from "node:http";
import readline from "node:readline";
import { timedGet } from "./timed-get.ts";

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const reply = (ms: number, body: string): void => void process.stdout.write(`${JSON.stringify({ ms, body })}\n`);

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { port, host } = JSON.parse(line) as { port: number; host: string };
  const last = { body: "" };
  timedGet(agent, port, host, last).then(
    (ms) => reply(ms, last.body),
    (e: unknown) => reply(-1, String(e)),
  );
});
process.stdin.on("end", () => agent.destroy());
