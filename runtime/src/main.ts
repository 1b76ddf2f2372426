/**
 * Entry point: `node runtime/src/main.ts`. With RUNTIME_WORKERS=0 everything runs in this
 * process; otherwise this process is the cluster primary (sync, metering, internal listener) and
 * forks RUNTIME_WORKERS workers (default: one per core) that hold isolates and serve traffic.
 */
import cluster from "node:cluster";
import { loadEnv } from "./env.ts";
import { ClusterLink } from "./cluster/cluster-link.ts";
import { LocalLink } from "./cluster/local-link.ts";
import { runWorker } from "./cluster/worker.ts";
import { RuntimeNode } from "./node.ts";

const env = loadEnv();

if (cluster.isWorker) {
  await runWorker(env);
} else {
  let node: RuntimeNode | null = null;
  node = new RuntimeNode(env, (sink) => (env.workers === 0 ? new LocalLink(env, sink) : new ClusterLink(env, sink, () => node?.metrics ?? null)));
  await node.start();
  console.log(`runtime: node ${env.nodeId} serving *.${env.baseDomain} on ${env.host}:${node.publicPort} (${env.workers || "in-process"} workers), internal 127.0.0.1:${node.internalPort}, console ${env.consoleUrl}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    node
      .stop()
      .catch((e: unknown) => console.error("runtime: error while stopping", e))
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
