/** What the domains API answers (see lib/services/domains and lib/services/routes). */
export type Overlap = { routeId: string; pattern: string; methods: string[] | null; kind: "ambiguous" | "wins" | "loses"; message: string };

export type RouteView = { id: string; order: number; pattern: string; methods: string[] | null; priority: number; function: string; createdAt: string; overlaps: Overlap[] };

export type DomainView = {
  id: string;
  hostname: string;
  wildcard: boolean;
  verified: boolean;
  verifiedAt: string | null;
  verifiedBy: string | null;
  verification: { type: "TXT"; name: string; value: string };
  lastCheckAt: string | null;
  lastCheckError: string | null;
  createdAt: string;
  routes: number;
  routeList: RouteView[];
};
