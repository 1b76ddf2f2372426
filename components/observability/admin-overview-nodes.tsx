import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminOverview, NodeHealth } from "@/lib/queries/admin-overview/get-overview";
import { formatRelative } from "@/lib/utils";

const HEALTH: Record<NodeHealth, { variant: "success" | "warning" | "destructive"; label: string }> = {
  healthy: { variant: "success", label: "Healthy" },
  stale: { variant: "warning", label: "No heartbeat" },
  down: { variant: "destructive", label: "Down" },
};

/** Runtime nodes, healthiest first as the API orders them by last heartbeat. */
export function AdminNodes({ nodes, latestRevision }: { nodes: AdminOverview["nodes"]; latestRevision: number }) {
  if (nodes.length === 0) return <p className="px-6 pb-4 text-sm text-muted-foreground">No runtime node has registered yet. Start one with `npm run runtime`; it appears here with its first heartbeat.</p>;
  return (
    <Table flush>
      <TableHeader>
        <TableRow>
          <TableHead>Node</TableHead>
          <TableHead>Health</TableHead>
          <TableHead className="text-right">Workers</TableHead>
          <TableHead className="text-right">Revision</TableHead>
          <TableHead>Version</TableHead>
          <TableHead>Last heartbeat</TableHead>
          <TableHead>Started</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {nodes.map((n) => (
          <TableRow key={n.id} data-testid="runtime-node">
            <TableCell>
              <div className="font-mono text-xs">{n.id}</div>
              <div className="text-xs text-muted-foreground">{n.hostname}</div>
            </TableCell>
            <TableCell>
              <Badge variant={HEALTH[n.health].variant} dot>
                {HEALTH[n.health].label}
              </Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{n.workers}</TableCell>
            <TableCell className="text-right tabular-nums">
              {n.appliedRevision}
              {n.appliedRevision < latestRevision && n.health === "healthy" ? <span className="ml-1 text-xs text-amber-700">(behind)</span> : null}
            </TableCell>
            <TableCell className="font-mono text-xs">{n.version}</TableCell>
            <TableCell className="text-xs text-muted-foreground">{formatRelative(n.lastHeartbeatAt)}</TableCell>
            <TableCell className="text-xs text-muted-foreground">{formatRelative(n.startedAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
