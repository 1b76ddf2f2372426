export const invitationKeys = {
  all: ["invitations"] as const,
  list: (tenant: string) => [...invitationKeys.all, "list", tenant] as const,
  detail: (id: string) => [...invitationKeys.all, "detail", id] as const,
};
