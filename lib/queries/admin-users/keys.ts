export const adminUserKeys = {
  all: ["admin", "users"] as const,
  list: (q: string) => [...adminUserKeys.all, "list", { q }] as const,
};
