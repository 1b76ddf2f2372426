import { tenantRoute } from "@/lib/http/handler";
import { listInvoices } from "@/lib/services/billing/list-invoices";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async ({ ctx }) => listInvoices({ ctx }));
