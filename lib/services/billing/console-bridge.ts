// Test support: the console's runtime-facing listener (lib/http/internal-server.ts) on a free
// port in this process, so a real runtime node can sync and flush against the real services and
// database. Tests only.
import { portOf, startInternalServer } from "@/lib/http/internal-server";

export async function startConsoleBridge(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = await startInternalServer(0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${portOf(server)}`,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
