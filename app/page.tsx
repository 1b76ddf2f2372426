import { redirect } from "next/navigation";
import { getServerMe } from "@/lib/queries/server";

export const dynamic = "force-dynamic";

/** The front door: sign in, then the first tenant's functions, or tenant creation if there is none. */
export default async function Home() {
  const me = await getServerMe();
  if (!me) redirect("/login");
  const first = me.tenants[0];
  redirect(first ? `/${first.slug}/functions` : "/new");
}
